package storage

import "testing"

// TestWithoutBackupAdvice: the messages that advise restoring a backup lose that advice and
// keep the rest; other messages are unchanged.
func TestWithoutBackupAdvice(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{ErrDamaged, "数据库文件已损坏或不是本程序的数据库"},
		{ErrNewerSchema, "数据库由更新版本的本程序创建，当前版本无法打开，请使用新版本程序"},
		{backupHint(&zhError{msg: "数据库文件已损坏（页校验失败）", kind: ErrDamaged}), "数据库文件已损坏（页校验失败）"},
		{&zhError{msg: "数据库文件是空的（0 字节），可能在复制或断电时损坏；可从最近的自动备份恢复", kind: ErrDamaged}, "数据库文件是空的（0 字节），可能在复制或断电时损坏"},
		{ErrLocked, ErrLocked.Error()},
	} {
		got := WithoutBackupAdvice(c.err)
		if got != c.want {
			t.Errorf("WithoutBackupAdvice(%q) = %q, want %q", c.err, got, c.want)
		}
	}
}
