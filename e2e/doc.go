// Package e2e drives the real roster binary with Debian's Chromium
// (chromedp): the tests build the binary, start it on a free port, and use
// the console as a person would. Without Chromium the tests skip loudly
// locally and fail in CI (CI=true).
package e2e
