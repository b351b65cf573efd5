module github.com/edition-project/edition

go 1.26.8
