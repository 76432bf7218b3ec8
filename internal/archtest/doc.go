// Package archtest holds the test that keeps the architecture's import rules.
package archtest
