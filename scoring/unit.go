package scoring

import (
	"errors"
	"strings"
)

// Clean is the one clean-up of a unit as typed in or read from a file (surrounding spaces go,
// the credit code is normalised), so the form, the file reader and the database agree.
func (u Unit) Clean() Unit {
	return Unit{
		Name:       strings.TrimSpace(u.Name),
		CreditCode: NormalizeCreditCode(u.CreditCode),
		Contact:    strings.TrimSpace(u.Contact),
		Phone:      strings.TrimSpace(u.Phone),
	}
}

// CheckUnit cleans u and refuses, in Chinese, what may not be stored as a unit: no name, a
// field over its limit, an invalid credit code. It is the one rule for every way a unit is saved.
func CheckUnit(u Unit) (Unit, error) {
	u = u.Clean()
	if u.Name == "" {
		return u, errors.New("请填写单位名称")
	}
	if err := CheckUnitLimits(u); err != nil {
		return u, err
	}
	if err := ValidateCreditCode(u.CreditCode); err != nil {
		return u, err
	}
	return u, nil
}
