// Package apperr defines the typed errors that cross layers: each carries a
// code that the web layer maps to an HTTP status in one place, and a message
// that is safe to show to the person who caused it.
package apperr

import (
	"errors"
	"fmt"
)

// Code classifies an error for the edge (HTTP status, API exception).
type Code string

// The error codes.
const (
	CodeInvalid      Code = "invalid"
	CodeNotFound     Code = "not_found"
	CodeConflict     Code = "conflict"
	CodeForbidden    Code = "forbidden"
	CodeUnauthorized Code = "unauthorized"
	CodeTooMany      Code = "too_many_requests"
	CodeTooLarge     Code = "too_large"
	CodeGone         Code = "gone"
	CodeInternal     Code = "internal"
)

// Error is a domain error with a code, a human message and optional field
// errors (field name → message) for forms.
type Error struct {
	Code    Code
	Message string
	Fields  map[string]string
	Err     error
}

// Error implements error.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the wrapped cause.
func (e *Error) Unwrap() error { return e.Err }

func newErr(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid reports input that cannot be accepted.
func Invalid(format string, args ...any) *Error { return newErr(CodeInvalid, format, args...) }

// InvalidFields reports per-field validation errors with a summary message.
func InvalidFields(fields map[string]string) *Error {
	return &Error{Code: CodeInvalid, Message: "Please correct the highlighted fields.", Fields: fields}
}

// NotFound reports a missing (or not visible) resource.
func NotFound(format string, args ...any) *Error { return newErr(CodeNotFound, format, args...) }

// Conflict reports a state that does not allow the request.
func Conflict(format string, args ...any) *Error { return newErr(CodeConflict, format, args...) }

// Forbidden reports a request the principal may not make.
func Forbidden(format string, args ...any) *Error { return newErr(CodeForbidden, format, args...) }

// Unauthorized reports a missing or invalid login.
func Unauthorized(format string, args ...any) *Error {
	return newErr(CodeUnauthorized, format, args...)
}

// TooMany reports throttling.
func TooMany(format string, args ...any) *Error { return newErr(CodeTooMany, format, args...) }

// TooLarge reports an oversize input.
func TooLarge(format string, args ...any) *Error { return newErr(CodeTooLarge, format, args...) }

// Gone reports an expired or used link.
func Gone(format string, args ...any) *Error { return newErr(CodeGone, format, args...) }

// Internal wraps an unexpected error; its message never reaches users.
func Internal(err error) *Error {
	return &Error{Code: CodeInternal, Message: "Something went wrong on our side.", Err: err}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	return nil, false
}

// CodeOf returns the code of err, CodeInternal when it carries none.
func CodeOf(err error) Code {
	if e, ok := As(err); ok {
		return e.Code
	}
	return CodeInternal
}

// Is reports whether err carries the given code.
func Is(err error, code Code) bool { return err != nil && CodeOf(err) == code }
