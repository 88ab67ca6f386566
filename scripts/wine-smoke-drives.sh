# Wine smoke tests for Windows files and drives (issue 14), sourced by scripts/wine-smoke.sh
# after its package tests; uses its win/lin/ok/bad/show/winpath helpers and $work, $r, $in,
# $sample, $repo, $winexe, $guiexe, $WINEPREFIX, $limit. Each test is one function.

# wine_drive LETTER DIR maps a Wine drive letter to a Linux folder (a "USB stick"); without DIR
# the letter is removed. The Wine server is restarted so that the change is seen at once.
wine_drive() {
  local l=$1 dir=${2:-}
  rm -f "$WINEPREFIX/dosdevices/$l:"
  [ -z "$dir" ] || ln -s "$dir" "$WINEPREFIX/dosdevices/$l:"
  timeout -k 5 30 wineserver -k >/dev/null 2>&1 || true
}

# win_at OUT EXE ARGS… is win for another copy of the program (e.g. the one on a stick).
win_at() {
  local out=$1 exe=$2; shift 2
  local rc=0
  timeout -k 10 "$limit" wine "$exe" "$@" </dev/null >"$out" 2>"$out.err" || rc=$?
  return $rc
}

# A portable folder on a stick that is E: on one PC and F: on the next: the evidence recorded
# on E: is found on F:, and a package built there has every file (package --strict).
smoke_portable_move() {
  echo "wine-smoke: portable folder moved from E: to F:"
  local stick="$work/U盘 KINGSTON"
  mkdir -p "$stick/sanxiang" "$stick/佐证材料"
  cp "$winexe" "$stick/sanxiang/sanxiang-cli.exe"
  cp "$in/$sample" "$stick/佐证材料/自评.json"
  cp -r "$in/sample-evidence" "$stick/佐证材料/"
  wine_drive e "$stick"
  local n
  n=$(jq '[.answers[].evidence // [] | .[]] | length' "$stick/佐证材料/自评.json")
  if ! win_at "$r/pm.import" 'E:\sanxiang\sanxiang-cli.exe' import 'E:\佐证材料\自评.json' --db 'E:\sanxiang\sanxiang.db'; then
    bad "import into the portable database on E:"; show "$r/pm.import" "$r/pm.import.err"; wine_drive e; return
  fi
  win_at "$r/pm.e.json" 'E:\sanxiang\sanxiang-cli.exe' dump --assessment 1 --db 'E:\sanxiang\sanxiang.db' || true
  local one
  one=$(jq -r '[.answers[].evidence // [] | .[].path][0]' "$r/pm.e.json")
  case "$one" in # the assessment file writes paths with '/'
    'E:\佐证材料\'* | 'E:/佐证材料/'*) ok "on E: the database records $n evidence files on E: (e.g. $one)" ;;
    *) bad "evidence recorded as $one, not on E:"; wine_drive e; return ;;
  esac
  [ ! -e "$stick/sanxiang/sanxiang.db.lock" ] && ok "sanxiang.db.lock is removed when the program closes the database" ||
    bad "sanxiang.db.lock left beside the database"
  # the next PC: the same stick is F:, E: is gone
  wine_drive e
  wine_drive f "$stick"
  if win_at "$r/pm.f.json" 'F:\sanxiang\sanxiang-cli.exe' dump --assessment 1 --db 'F:\sanxiang\sanxiang.db'; then
    local onF notF
    onF=$(jq '[.answers[].evidence // [] | .[].path | select(test("^F:[/\\\\]佐证材料[/\\\\]"))] | length' "$r/pm.f.json")
    notF=$(jq -r '[.answers[].evidence // [] | .[].path | select(test("^F:") | not)] | .[0] // ""' "$r/pm.f.json")
    if [ "$onF" = "$n" ]; then ok "on F: all $n evidence files resolve to F:\\佐证材料\\…"; else bad "on F: $onF of $n files resolve to F: (e.g. not: $notF)"; fi
  else
    bad "dump from the database on F:"; show "$r/pm.f.json.err"
  fi
  mkdir -p "$stick/报送"
  if win_at "$r/pm.dump2" 'F:\sanxiang\sanxiang-cli.exe' dump --assessment 1 --db 'F:\sanxiang\sanxiang.db' --out 'C:\moved.json' &&
    win_at "$r/pm.pkg" 'F:\sanxiang\sanxiang-cli.exe' package 'C:\moved.json' --out 'F:\报送' --strict; then
    local pdir
    pdir=$(find "$stick/报送" -mindepth 1 -maxdepth 1 -type d | head -1)
    local ev
    ev=$(find "$pdir" -path '*佐证材料*' -type f | wc -l)
    ok "package --strict built on F: with $ev evidence files, none missing"
  else
    bad "package --strict on F: (missing evidence?)"; show "$r/pm.pkg" "$r/pm.pkg.err"
  fi
  wine_drive f
}

# Verification with what Excel and Explorer leave behind: passes, with a note.
smoke_verify_byproducts() {
  echo "wine-smoke: verify with ~\$自评表.xlsx, Thumbs.db, desktop.ini"
  local src
  src=$(find "$out/报送 U盘" -mindepth 1 -maxdepth 1 -type d -name '*_三项制度自评' | head -1)
  if [ -z "$src" ]; then bad "no Windows package to copy"; return; fi
  local p="$work/带系统文件的报送包"
  cp -r "$src" "$p"
  printf 'owner' >"$p/~\$自评表.xlsx"
  printf 'thumbs' >"$p/Thumbs.db"
  printf '[.ShellClassInfo]\r\n' >"$p/desktop.ini"
  local rc=0
  win "$r/vj" verify "$(winpath "$p")" || rc=$?
  if [ $rc -eq 0 ] && grep -q '可忽略的系统文件（3 个' "$r/vj" && grep -q '~\$自评表.xlsx' "$r/vj"; then
    ok "verify passes and lists 3 可忽略的系统文件: $(grep -c '^  ' "$r/vj") lines"
  else
    bad "verify with OS by-products: status $rc"; show "$r/vj" "$r/vj.err"
  fi
  printf 'x' >"$p/补充说明.docx"
  rc=0
  win "$r/vj2" verify "$(winpath "$p")" || rc=$?
  if [ $rc -eq 1 ] && grep -q '多出的文件（1 个）' "$r/vj2" && grep -q '补充说明.docx' "$r/vj2"; then
    ok "a real extra file beside them still fails (status 1, 多出的文件 补充说明.docx)"
  else
    bad "verify with a real extra file: status $rc"; show "$r/vj2"
  fi
}

# ShellExecuteW with a 䶮 path reaches the associated program unchanged; a type with no program
# fails with a Chinese message. Runs internal/shellopen's Windows test with a stub program
# registered for .sxstub that records what it receives.
smoke_shellexecute() {
  echo "wine-smoke: 打开 through ShellExecuteW"
  local go=${GO:-go}
  command -v "$go" >/dev/null || go=/usr/local/go/bin/go
  local stubdir="$WINEPREFIX/drive_c/sxstub"
  mkdir -p "$stubdir"
  if ! x86_64-w64-mingw32-gcc -municode -O2 -s -o "$stubdir/stub-open.exe" "$repo/scripts/wine/stub-open.c" 2>"$r/stub.err"; then
    bad "stub program does not build"; show "$r/stub.err"; return
  fi
  if ! (cd "$repo" && CGO_ENABLED=0 GOOS=windows GOARCH=amd64 "$go" test -c -o "$work/shellopen.test.exe" ./internal/shellopen) 2>"$r/so.build.err"; then
    bad "internal/shellopen test does not build for Windows"; show "$r/so.build.err"; return
  fi
  timeout -k 5 60 wine reg add 'HKCR\.sxstub' /ve /d sanxiang.stub /f >/dev/null 2>&1
  timeout -k 5 60 wine reg add 'HKCR\sanxiang.stub\shell\open\command' /ve /d '"C:\sxstub\stub-open.exe" "%1"' /f >/dev/null 2>&1
  local rc=0
  SANXIANG_STUB_RECORD='C:\sxstub\got.txt' timeout -k 10 "$limit" wine "$work/shellopen.test.exe" -test.v -test.run TestShellExecuteUnicode \
    </dev/null >"$r/so.out" 2>&1 || rc=$?
  if [ $rc -eq 0 ] && grep -q -- '--- PASS: TestShellExecuteUnicode' "$r/so.out"; then
    ok "ShellExecuteW handed the stub program $(grep -o '刘䶮[^"]*' "$r/so.out" | head -1) unchanged"
    ok "no associated program: …$(grep -o '：这台电脑上没有能打开[^（]*' "$r/so.out" | head -1)"
  else
    bad "ShellExecuteW test: status $rc"; show "$r/so.out"
  fi
}

# A file held open by a reader (no delete sharing) is named before an export replaces any file.
smoke_inuse() {
  echo "wine-smoke: export while a PDF is open"
  local go=${GO:-go}
  command -v "$go" >/dev/null || go=/usr/local/go/bin/go
  if ! (cd "$repo" && CGO_ENABLED=0 GOOS=windows GOARCH=amd64 "$go" test -c -o "$work/inuse.test.exe" ./internal/inuse) 2>"$r/iu.build.err"; then
    bad "internal/inuse test does not build for Windows"; show "$r/iu.build.err"; return
  fi
  local rc=0
  timeout -k 10 "$limit" wine "$work/inuse.test.exe" -test.v </dev/null >"$r/iu.out" 2>&1 || rc=$?
  if [ $rc -eq 0 ] && grep -q -- '--- PASS: TestHeldByReader' "$r/iu.out"; then
    ok "a 评分表.pdf held open by a reader is named as in use; with delete sharing or closed it is not"
  else
    bad "in-use check: status $rc"; show "$r/iu.out"
  fi
  if ! (cd "$repo" && CGO_ENABLED=0 GOOS=windows GOARCH=amd64 "$go" test -c -o "$work/export.test.exe" ./export) 2>"$r/ex.build.err"; then
    bad "export test does not build for Windows"; show "$r/ex.build.err"; return
  fi
  rc=0 # the test reads ../testdata: run it from the package folder
  (cd "$repo/export" && timeout -k 10 "$limit" wine "$work/export.test.exe" -test.v -test.run TestExportWhilePDFOpen) \
    </dev/null >"$r/ex.out" 2>&1 || rc=$?
  if [ $rc -eq 0 ] && grep -q -- '--- PASS: TestExportWhilePDFOpen' "$r/ex.out"; then
    ok "export with 评分表.pdf open in a reader keeps the old set: $(grep -o '无法保存评分表.pdf[^（]*' "$r/ex.out" | head -1 | sed 's/“.*\\/“…\\/')…"
  else
    bad "export while a PDF is open: status $rc"; show "$r/ex.out"
  fi
}

# The GUI in portable mode on a small screen (1024×600): the window fits the screen, a second
# start brings the first window to the front and exits (logging no 正常退出), and nothing is
# written to %APPDATA%; closing the window removes sanxiang.db.lock and keeps the window size
# beside the database.
smoke_gui_portable() {
  [ -n "${guiexe:-}" ] || return 0
  echo "wine-smoke: GUI in portable mode on a 1024×600 screen"
  local appdir="$work/便携 U盘/自评工具"
  mkdir -p "$appdir"
  cp "$guiexe" "$appdir/sanxiang.exe"
  : >"$appdir/sanxiang.db" # an empty sanxiang.db beside the program: portable mode
  local roaming
  roaming=$(find "$WINEPREFIX/drive_c/users" -maxdepth 3 -ipath '*AppData/Roaming' | head -1)
  local before
  before=$(find "$roaming" 2>/dev/null | sort)
  local xd="$work/xdisplay-small" xpid
  Xvfb -displayfd 5 -screen 0 1024x600x24 -nolisten tcp 5>"$xd" >"$work/xvfb-small.log" 2>&1 &
  xpid=$!
  for _ in $(seq 50); do [ -s "$xd" ] && break; sleep 0.2; done
  if [ ! -s "$xd" ]; then bad "Xvfb (1024×600) did not start"; kill "$xpid" 2>/dev/null; return; fi
  local olddisplay=${DISPLAY:-}
  export DISPLAY=":$(head -1 "$xd")"
  wine_new_display
  local gpid t1 wid attempt
  for attempt in 1 2 3; do
    (cd "$appdir" && exec timeout -k 10 "$limit" wine ./sanxiang.exe </dev/null >"$r/gp.out" 2>&1) &
    gpid=$! t1=$SECONDS wid=
    while [ $((SECONDS - t1)) -lt 90 ] && kill -0 "$gpid" 2>/dev/null; do
      wid=$(xdotool search --onlyvisible --name '三项制度示范创建自评工具' 2>/dev/null | head -1 || true)
      [ -n "$wid" ] && break
      sleep 1
    done
    # in portable mode the program logs beside itself, not to standard error
    cat "$appdir/sanxiang.log" >>"$r/gp.out" 2>/dev/null || true
    wine_glfw_flake "$r/gp.out" "$gpid" "$wid" || break
  done
  if [ -z "$wid" ]; then
    bad "portable sanxiang.exe opened no window"; show "$r/gp.out"
  else
    sleep 6 # the size is fixed once the window exists
    local w h
    eval "$(xdotool getwindowgeometry --shell "$wid")"
    w=$WIDTH h=$HEIGHT
    if [ "$w" -le 1024 ] && [ "$h" -le 600 ] && [ "$w" -ge 900 ]; then
      ok "on a 1024×600 screen the window is ${w}×${h}, inside the screen (the default is 1280×700)"
    else
      bad "on a 1024×600 screen the window is ${w}×${h}"
    fi
    [ -z "${WINE_SMOKE_SHOTS:-}" ] || { mkdir -p "$WINE_SMOKE_SHOTS" && import -window root "$WINE_SMOKE_SHOTS/wine-gui-1024x600.png"; }
    # a second start: no second window, the first one stays, and the log says so
    local rc=0 t2=$SECONDS
    (cd "$appdir" && timeout -k 10 60 wine ./sanxiang.exe </dev/null >"$r/gp2.out" 2>&1) || rc=$?
    local n
    n=$(xdotool search --onlyvisible --name '三项制度示范创建自评工具' 2>/dev/null | wc -l)
    if [ $rc -eq 0 ] && [ "$n" -eq 1 ] && grep -q '程序已在运行' "$appdir/sanxiang.log" && [ "$(grep -c '正常退出' "$appdir/sanxiang.log")" -eq 0 ]; then
      ok "a second start exits in $((SECONDS - t2))s with the first window brought to the front; the log says 程序已在运行, no 正常退出"
    else
      bad "second start: status $rc, $n windows"; show "$appdir/sanxiang.log" "$r/gp2.out"
    fi
    # close the window as Windows does (WM_CLOSE): a normal exit
    timeout -k 5 30 wine taskkill /im sanxiang.exe >/dev/null 2>&1 || true
    for _ in $(seq 30); do kill -0 "$gpid" 2>/dev/null || break; sleep 1; done
    if grep -q '正常退出' "$appdir/sanxiang.log" && [ ! -e "$appdir/sanxiang.db.lock" ] && [ -s "$appdir/sanxiang-window.json" ]; then
      ok "closed normally: sanxiang.db.lock removed, window size kept beside the database ($(tr -d ' \n' <"$appdir/sanxiang-window.json" | head -c 80))"
    else
      bad "after closing: lock $(ls "$appdir" | tr '\n' ' ')"; show "$appdir/sanxiang.log"
    fi
  fi
  timeout -k 5 30 wineserver -k >/dev/null 2>&1 || true
  wait "$gpid" 2>/dev/null || true
  kill "$xpid" 2>/dev/null || true
  if [ -n "$olddisplay" ]; then export DISPLAY=$olddisplay; else unset DISPLAY; fi
  local after
  after=$(find "$roaming" 2>/dev/null | sort)
  if [ "$before" = "$after" ]; then
    ok "portable mode wrote nothing to %APPDATA% ($(ls "$appdir" | tr '\n' ' '))"
  else
    bad "portable mode wrote to %APPDATA%:"; diff <(echo "$before") <(echo "$after") | head -10 || true
  fi
}

# The picker's places from the shell: 桌面/文档/下载 via SHGetKnownFolderPath, drives with their
# kind and letter (Wine has no removable drives: only 本地磁盘).
smoke_places() {
  echo "wine-smoke: picker places"
  local go=${GO:-go}
  command -v "$go" >/dev/null || go=/usr/local/go/bin/go
  if ! (cd "$repo" && CGO_ENABLED=0 GOOS=windows GOARCH=amd64 "$go" test -c -o "$work/desktop.test.exe" ./internal/desktop) 2>"$r/dk.build.err"; then
    bad "internal/desktop test does not build for Windows"; show "$r/dk.build.err"; return
  fi
  local rc=0 # (not TestWindowStates: Go's t.TempDir clean-up fails under Wine 8)
  timeout -k 10 "$limit" wine "$work/desktop.test.exe" -test.v -test.run 'TestPlaces|TestDriveName' </dev/null >"$r/dk.out" 2>&1 || rc=$?
  if [ $rc -eq 0 ] && grep -q -- '--- PASS: TestPlaces' "$r/dk.out"; then
    ok "places: $(sed -n 's/.*places_windows_test.go:[0-9]*: //p' "$r/dk.out" | tr '\n' ';' | sed 's/;$//')"
  else
    bad "picker places: status $rc"; show "$r/dk.out"
  fi
}
