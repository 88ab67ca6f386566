package storage

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sanxiang/scoring"
)

// The tests below re-run this test binary as a child process (a real second program) with
// childEnv naming what the child does and childDBEnv the database.
const (
	childEnv   = "SANXIANG_STORAGE_CHILD"
	childDBEnv = "SANXIANG_STORAGE_DB"
	childSeq   = "SANXIANG_STORAGE_SEQ"
)

func TestMain(m *testing.M) {
	switch os.Getenv(childEnv) {
	case "":
		os.Exit(m.Run())
	case "open":
		childOpen()
	case "hold":
		childHold()
	case "save":
		childSave()
	default:
		fmt.Println("unknown child", os.Getenv(childEnv))
		os.Exit(3)
	}
	os.Exit(0)
}

// childOpen tries to open the database once and says what happened.
func childOpen() {
	db, err := Open(os.Getenv(childDBEnv), childCats())
	switch {
	case err == nil:
		db.Close()
		fmt.Println("opened")
	case errors.Is(err, ErrLocked):
		fmt.Println("locked:", err)
	default:
		fmt.Println("error:", err)
	}
}

// childHold opens the database and keeps it open until its stdin closes.
func childHold() {
	db, err := Open(os.Getenv(childDBEnv), childCats())
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("opened")
	io.Copy(io.Discard, os.Stdin)
	db.Close()
}

func child(t *testing.T, mode, db string, extra ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, childDBEnv+"="+db)
	cmd.Env = append(cmd.Env, extra...)
	cmd.Stderr = os.Stderr
	return cmd
}

func TestSecondProcessIsLockedOut(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sanxiang.db")
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	newAssessment(t, db, 1)

	// This process holds the database: the child is refused with the Chinese message.
	out, err := child(t, "open", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if got := string(out); !strings.HasPrefix(got, "locked: ") || !strings.Contains(got, "另一个程序") {
		t.Fatalf("child while parent holds the database: %q", got)
	}
	// The same process opening it twice is refused too.
	if _, err := Open(path, testCats(t)); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open in one process: %v", err)
	}
	db.Close()

	// The child holds it: this process is refused, and nothing is damaged.
	hold := child(t, "hold", path)
	stdin, _ := hold.StdinPipe()
	stdout, _ := hold.StdoutPipe()
	if err := hold.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "opened\n" {
		t.Fatalf("holding child: %q", line)
	}
	if _, err := Open(path, testCats(t)); !errors.Is(err, ErrLocked) || !hasZh(err.Error()) {
		t.Fatalf("Open while the child holds it: %v", err)
	}
	if err := RestoreClosed(path, path); !errors.Is(err, ErrLocked) {
		t.Errorf("RestoreClosed while the child holds it: %v", err)
	}
	if _, err := SetAside(path); !errors.Is(err, ErrLocked) {
		t.Errorf("SetAside while the child holds it: %v", err)
	}
	stdin.Close()
	if err := hold.Wait(); err != nil {
		t.Fatal(err)
	}

	// The child was killed while holding it: no stale lock, data intact.
	hold = child(t, "hold", path)
	stdout, _ = hold.StdoutPipe()
	pin, _ := hold.StdinPipe() // kept open: the child holds until killed
	defer pin.Close()
	if err := hold.Start(); err != nil {
		t.Fatal(err)
	}
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "opened\n" {
		t.Fatalf("holding child: %q", line)
	}
	hold.Process.Kill()
	hold.Wait()
	db, err = Open(path, testCats(t))
	if err != nil {
		t.Fatalf("Open after the holder was killed: %v", err)
	}
	defer db.Close()
	if got := pragma(t, db, "integrity_check"); got != "ok" {
		t.Errorf("integrity_check = %q", got)
	}
	if units, _ := db.Units(); len(units) != 1 {
		t.Errorf("units = %+v", units)
	}
}

// TestSQLiteLockWithoutLockFile checks the second line of defence: even a program that
// ignores <db>.lock (an old version, a database browser) cannot read or write while we hold
// SQLite's exclusive lock.
func TestSQLiteLockWithoutLockFile(t *testing.T) {
	db := openTemp(t)
	newAssessment(t, db, 1)
	other, err := openSQLRaw(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var n int
	if err := other.QueryRow(`SELECT count(*) FROM units`).Scan(&n); err == nil {
		t.Fatalf("a second connection read the database (%d units) while it was held", n)
	} else if !errors.Is(translate(err), ErrLocked) {
		t.Errorf("second connection: %v", err)
	}
	if _, err := other.Exec(`DELETE FROM units`); err == nil {
		t.Fatal("a second connection wrote to the database while it was held")
	}
}

// crashAnswer is what the saving child writes for sequence number seq: the criterion, score,
// note and evidence count all derive from seq, so the parent can check a stored answer is
// whole (never half of one save and half of another).
func crashAnswer(cat *scoring.Catalog, seq int) scoring.Answer {
	nos := cat.Numbers()
	no := nos[seq%len(nos)]
	ref, _ := cat.Criterion(no)
	pts := int(ref.Criterion.Points)
	a := scoring.Answer{No: no, Status: scoring.Scored, Score: scoring.Tenths(seq % (pts + 1)),
		Note: fmt.Sprintf("seq=%d %s", seq, strings.Repeat("自评说明", seq%40))}
	if int(a.Score) < pts {
		a.DeductionReason = fmt.Sprintf("扣分原因 %d", seq)
	}
	for i := 0; i < seq%4; i++ {
		a.Evidence = append(a.Evidence, scoring.Evidence{Path: fmt.Sprintf("/证据/%d-%d.pdf", seq, i), Size: int64(seq), SHA256: fmt.Sprintf("%064x", seq), Added: time.Unix(int64(seq), 0)})
	}
	return a
}

// seqOf reads the sequence number back out of a stored answer.
func seqOf(a scoring.Answer) int {
	var seq int
	fmt.Sscanf(a.Note, "seq=%d", &seq)
	return seq
}

// childSave saves answers (and now and then a narrative and a backup) in a loop, printing
// each sequence number after its save returned, until it is killed.
func childSave() {
	start, _ := strconv.Atoi(os.Getenv(childSeq))
	db, err := Open(os.Getenv(childDBEnv), childCats())
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	cat, _ := scoring.Builtin()
	list, err := db.Assessments()
	if err != nil || len(list) == 0 {
		fmt.Println("error: no assessment", err)
		os.Exit(1)
	}
	id := list[0].ID
	fmt.Println("ready")
	for seq := start; ; seq++ {
		if err := db.SaveAnswer(id, crashAnswer(cat, seq)); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Printf("a %d\n", seq) // os.Stdout is unbuffered: the line is out before the next save
		if seq%5 == 0 {
			if err := db.SaveNarrative(id, scoring.NarrativeWorkSummary, fmt.Sprintf("seq=%d", seq)); err != nil {
				fmt.Println("error:", err)
				os.Exit(1)
			}
			fmt.Printf("n %d\n", seq)
		}
		if seq%50 == 0 {
			if _, err := db.Backup(); err != nil {
				fmt.Println("error:", err)
				os.Exit(1)
			}
		}
	}
}

// TestCrashDuringSaves kills a saving child process with SIGKILL at random moments and checks
// after each kill that the database is intact and holds every save that had returned.
// SANXIANG_LONG=1 runs 200 kills instead of a handful.
func TestCrashDuringSaves(t *testing.T) {
	rounds := 6
	if os.Getenv("SANXIANG_LONG") == "1" {
		rounds = 200
	}
	path := filepath.Join(t.TempDir(), "sanxiang.db")
	db, err := Open(path, testCats(t))
	if err != nil {
		t.Fatal(err)
	}
	id := newAssessment(t, db, 1)
	db.Close()
	cat := builtin(t)
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	next := 1
	var confirmedTotal, unconfirmedFound, killedBeforeReady int
	for r := 0; r < rounds; r++ {
		cmd := child(t, "save", path, childSeq+"="+strconv.Itoa(next))
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan []string)
		go func() {
			var all []string
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				all = append(all, sc.Text())
			}
			lines <- all
		}()
		time.Sleep(time.Duration(rng.Intn(300)) * time.Millisecond)
		cmd.Process.Kill() // SIGKILL on Unix, TerminateProcess on Windows
		out := <-lines
		cmd.Wait()

		// What the child saw returned before it died.
		lastAnswer := map[int]int{} // criterion → highest confirmed seq
		lastNarrative, maxSeq, ready := 0, next-1, false
		for _, l := range out {
			var seq int
			switch {
			case l == "ready":
				ready = true
			case strings.HasPrefix(l, "error"):
				t.Fatalf("round %d: child failed: %s", r, l)
			case strings.HasPrefix(l, "a "):
				seq, _ = strconv.Atoi(l[2:])
				lastAnswer[crashAnswer(cat, seq).No] = seq
				confirmedTotal++
			case strings.HasPrefix(l, "n "):
				seq, _ = strconv.Atoi(l[2:])
				lastNarrative = seq
			}
			maxSeq = max(maxSeq, seq)
		}
		if !ready {
			killedBeforeReady++
		}

		db, err := Open(path, testCats(t))
		if err != nil {
			t.Fatalf("round %d: Open after kill: %v", r, err)
		}
		if got := pragma(t, db, "integrity_check"); got != "ok" {
			t.Fatalf("round %d: integrity_check = %q", r, got)
		}
		if got := query1(t, db, "SELECT count(*) FROM pragma_foreign_key_check"); got != "0" {
			t.Fatalf("round %d: %s foreign key violations", r, got)
		}
		a, err := db.Load(id)
		if err != nil {
			t.Fatalf("round %d: Load: %v", r, err)
		}
		for no, want := range lastAnswer {
			got := a.Answers[no]
			seq := seqOf(got)
			if seq < want {
				t.Fatalf("round %d: criterion %d holds seq %d, but seq %d had been saved", r, no, seq, want)
			}
			if seq > maxSeq+1 {
				t.Fatalf("round %d: criterion %d holds seq %d never written", r, no, seq)
			}
			if seq > want {
				unconfirmedFound++ // committed, killed before it could say so: allowed
			}
		}
		for no, got := range a.Answers { // every stored answer is exactly one whole save
			w := crashAnswer(cat, seqOf(got))
			for i := range got.Evidence {
				got.Evidence[i].Name = ""
				w.Evidence[i].Added = got.Evidence[i].Added
			}
			if w.No != no || fmt.Sprint(w) != fmt.Sprint(got) {
				t.Fatalf("round %d: criterion %d is not one whole save:\n got %+v\nwant %+v", r, no, got, w)
			}
		}
		if lastNarrative > 0 {
			var seq int
			fmt.Sscanf(a.Narratives[scoring.NarrativeWorkSummary], "seq=%d", &seq)
			if seq < lastNarrative {
				t.Fatalf("round %d: narrative holds seq %d, but seq %d had been saved", r, seq, lastNarrative)
			}
		}
		for _, got := range a.Answers {
			maxSeq = max(maxSeq, seqOf(got))
		}
		db.Close()
		next = maxSeq + 1
	}
	backups, _ := ListBackups(path, testCats(t))
	for _, b := range backups {
		if b.Problem != "" {
			t.Errorf("backup %s: %s", b.Path, b.Problem)
		}
	}
	t.Logf("crash test: %d kills, %d saves confirmed before the kills, all present; %d committed-but-unconfirmed saves found; %d kills before Open finished; %d backups readable",
		rounds, confirmedTotal, unconfirmedFound, killedBeforeReady, len(backups))
}

// childCats is testCats for the child processes (no *testing.T there).
func childCats() *scoring.Set {
	s, err := scoring.BuiltinSet()
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	return s
}
