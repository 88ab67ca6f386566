/* A stand-in "associated program" for the Wine smoke test of ShellExecuteW
 * (internal/shellopen): it writes the path it was started with, as UTF-8, to the file named
 * by %SANXIANG_STUB_RECORD%, so the test sees exactly what a viewer would receive.
 * Build: x86_64-w64-mingw32-gcc -municode -O2 -s -o stub-open.exe stub-open.c */
#include <windows.h>

int wmain(int argc, wchar_t **argv) {
  static wchar_t out[4096], tmp[4100];
  static char buf[32768];
  if (argc < 2 || !GetEnvironmentVariableW(L"SANXIANG_STUB_RECORD", out, 4096))
    return 2;
  int n = WideCharToMultiByte(CP_UTF8, 0, argv[1], -1, buf, sizeof buf, NULL, NULL);
  if (n <= 0)
    return 3;
  lstrcpyW(tmp, out);
  lstrcatW(tmp, L".tmp");
  HANDLE h = CreateFileW(tmp, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
  if (h == INVALID_HANDLE_VALUE)
    return 4;
  DWORD w;
  WriteFile(h, buf, (DWORD)(n - 1), &w, NULL);
  CloseHandle(h);
  return MoveFileExW(tmp, out, MOVEFILE_REPLACE_EXISTING) ? 0 : 5;
}
