// Command edition builds offline digital editions of news journalism: an
// EPUB 3 for e-readers and a print-ready PDF from one article.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
