package emails

import "strconv"

// numberStyle is how one language writes whole numbers (in Western digits,
// as the dates are): the thousands separator, and the fewest digits a number
// needs before it is grouped (Spanish writes 1234 but 12.345).
type numberStyle struct {
	group    string
	minGroup int // CLDR's minimum grouping digits: how many digits the leading group needs for grouping to apply (0 means 1)
}

// format writes n with its thousands grouped: 12,345 / 12.345 / 12 345.
func (s numberStyle) format(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	minDigits := 4
	if s.minGroup > 1 {
		minDigits = 3 + s.minGroup
	}
	if len(digits) < minDigits {
		return sign + digits
	}
	var b []byte
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, s.group...)
		}
		b = append(b, digits[i])
	}
	return sign + string(b)
}
