package edition

// SetCodeVersion makes the code's version v until the returned function is
// called: test binaries carry no version, so without it nothing is cached.
func SetCodeVersion(v string) (restore func()) {
	old := codeVersion
	codeVersion = func() string { return v }
	return func() { codeVersion = old }
}
