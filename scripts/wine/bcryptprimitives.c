/*
 * bcryptprimitives.dll for the wine smoke test only (never shipped).
 *
 * The Go runtime (1.22 and later) loads bcryptprimitives.dll at start-up for ProcessPrng, which
 * every supported Windows (10 and later) has. Debian 12's Wine 8.0 does not have that DLL, so a
 * Go program dies there with "bcryptprimitives.dll not found". This stand-in exports ProcessPrng
 * on top of RtlGenRandom (advapi32 SystemFunction036), which Wine does implement, and is copied
 * into the private test prefix's system32 only when Wine itself lacks the DLL.
 */
#include <windows.h>

BOOLEAN NTAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
