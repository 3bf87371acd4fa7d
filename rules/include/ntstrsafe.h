/*
 * ntstrsafe.h - model of the kernel-mode safe string routines.
 *
 * Part of the ndislint model headers, written from the public documentation
 * of the RtlStringXxx routines, for static analysis only.  Byte-count (Cb)
 * and character-count (Cch) variants of the copy, concatenate, print and
 * length routines are declared for ANSI (A) and wide (W) strings.
 */
#ifndef NDISLINT_MODEL_NTSTRSAFE_H
#define NDISLINT_MODEL_NTSTRSAFE_H

#include <ntdef.h>
#include <ntstatus.h>
#include <stdarg.h>

EXTERN_C_START

typedef unsigned long DWORD;
typedef char *STRSAFE_LPSTR;
typedef const char *STRSAFE_LPCSTR;
typedef wchar_t *STRSAFE_LPWSTR;
typedef const wchar_t *STRSAFE_LPCWSTR;
typedef ULONG STRSAFE_DWORD;

#define NTSTRSAFE_MAX_CCH 2147483647
#define NTSTRSAFE_UNICODE_STRING_MAX_CCH (0xffff / sizeof(wchar_t))
#define STRSAFE_IGNORE_NULLS 0x00000100
#define STRSAFE_FILL_BEHIND_NULL 0x00000200
#define STRSAFE_FILL_ON_FAILURE 0x00000400
#define STRSAFE_NULL_ON_FAILURE 0x00000800
#define STRSAFE_NO_TRUNCATION 0x00001000
#define STATUS_STRSAFE_INVALID_PARAMETER STATUS_INVALID_PARAMETER

NTSTATUS RtlStringCbCopyA(_Out_writes_(cbDest) STRSAFE_LPSTR pszDest, _In_ size_t cbDest, _In_ STRSAFE_LPCSTR pszSrc);
NTSTATUS RtlStringCbCopyNA(_Out_writes_(cbDest) STRSAFE_LPSTR pszDest, _In_ size_t cbDest, _In_ STRSAFE_LPCSTR pszSrc, _In_ size_t cbToCopy);
NTSTATUS RtlStringCbCatA(_Inout_updates_(cbDest) STRSAFE_LPSTR pszDest, _In_ size_t cbDest, _In_ STRSAFE_LPCSTR pszSrc);
NTSTATUS RtlStringCbCatNA(_Inout_updates_(cbDest) STRSAFE_LPSTR pszDest, _In_ size_t cbDest, _In_ STRSAFE_LPCSTR pszSrc, _In_ size_t cbToAppend);
NTSTATUS RtlStringCbPrintfA(_Out_writes_(cbDest) STRSAFE_LPSTR pszDest, _In_ size_t cbDest, _In_ _Printf_format_string_ STRSAFE_LPCSTR pszFormat, ...);
NTSTATUS RtlStringCbVPrintfA(_Out_writes_(cbDest) STRSAFE_LPSTR pszDest, _In_ size_t cbDest, _In_ _Printf_format_string_ STRSAFE_LPCSTR pszFormat, _In_ va_list argList);
NTSTATUS RtlStringCbCopyExA(_Out_writes_(cbDest) STRSAFE_LPSTR pszDest, _In_ size_t cbDest, _In_ STRSAFE_LPCSTR pszSrc, _Outptr_opt_ STRSAFE_LPSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
NTSTATUS RtlStringCbPrintfExA(_Out_writes_(cbDest) STRSAFE_LPSTR pszDest, _In_ size_t cbDest, _Outptr_opt_ STRSAFE_LPSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ STRSAFE_LPCSTR pszFormat, ...);
NTSTATUS RtlStringCbLengthA(_In_reads_or_z_(cbMax) STRSAFE_LPCSTR psz, _In_ size_t cbMax, _Out_opt_ size_t *pcbLength);
NTSTATUS RtlStringCchCopyA(_Out_writes_(cchDest) STRSAFE_LPSTR pszDest, _In_ size_t cchDest, _In_ STRSAFE_LPCSTR pszSrc);
NTSTATUS RtlStringCchCopyNA(_Out_writes_(cchDest) STRSAFE_LPSTR pszDest, _In_ size_t cchDest, _In_ STRSAFE_LPCSTR pszSrc, _In_ size_t cchToCopy);
NTSTATUS RtlStringCchCatA(_Inout_updates_(cchDest) STRSAFE_LPSTR pszDest, _In_ size_t cchDest, _In_ STRSAFE_LPCSTR pszSrc);
NTSTATUS RtlStringCchCatNA(_Inout_updates_(cchDest) STRSAFE_LPSTR pszDest, _In_ size_t cchDest, _In_ STRSAFE_LPCSTR pszSrc, _In_ size_t cchToAppend);
NTSTATUS RtlStringCchPrintfA(_Out_writes_(cchDest) STRSAFE_LPSTR pszDest, _In_ size_t cchDest, _In_ _Printf_format_string_ STRSAFE_LPCSTR pszFormat, ...);
NTSTATUS RtlStringCchVPrintfA(_Out_writes_(cchDest) STRSAFE_LPSTR pszDest, _In_ size_t cchDest, _In_ _Printf_format_string_ STRSAFE_LPCSTR pszFormat, _In_ va_list argList);
NTSTATUS RtlStringCchCopyExA(_Out_writes_(cchDest) STRSAFE_LPSTR pszDest, _In_ size_t cchDest, _In_ STRSAFE_LPCSTR pszSrc, _Outptr_opt_ STRSAFE_LPSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
NTSTATUS RtlStringCchPrintfExA(_Out_writes_(cchDest) STRSAFE_LPSTR pszDest, _In_ size_t cchDest, _Outptr_opt_ STRSAFE_LPSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ STRSAFE_LPCSTR pszFormat, ...);
NTSTATUS RtlStringCchLengthA(_In_reads_or_z_(cchMax) STRSAFE_LPCSTR psz, _In_ size_t cchMax, _Out_opt_ size_t *pcchLength);
NTSTATUS RtlStringCbCopyW(_Out_writes_(cbDest) STRSAFE_LPWSTR pszDest, _In_ size_t cbDest, _In_ STRSAFE_LPCWSTR pszSrc);
NTSTATUS RtlStringCbCopyNW(_Out_writes_(cbDest) STRSAFE_LPWSTR pszDest, _In_ size_t cbDest, _In_ STRSAFE_LPCWSTR pszSrc, _In_ size_t cbToCopy);
NTSTATUS RtlStringCbCatW(_Inout_updates_(cbDest) STRSAFE_LPWSTR pszDest, _In_ size_t cbDest, _In_ STRSAFE_LPCWSTR pszSrc);
NTSTATUS RtlStringCbCatNW(_Inout_updates_(cbDest) STRSAFE_LPWSTR pszDest, _In_ size_t cbDest, _In_ STRSAFE_LPCWSTR pszSrc, _In_ size_t cbToAppend);
NTSTATUS RtlStringCbPrintfW(_Out_writes_(cbDest) STRSAFE_LPWSTR pszDest, _In_ size_t cbDest, _In_ _Printf_format_string_ STRSAFE_LPCWSTR pszFormat, ...);
NTSTATUS RtlStringCbVPrintfW(_Out_writes_(cbDest) STRSAFE_LPWSTR pszDest, _In_ size_t cbDest, _In_ _Printf_format_string_ STRSAFE_LPCWSTR pszFormat, _In_ va_list argList);
NTSTATUS RtlStringCbCopyExW(_Out_writes_(cbDest) STRSAFE_LPWSTR pszDest, _In_ size_t cbDest, _In_ STRSAFE_LPCWSTR pszSrc, _Outptr_opt_ STRSAFE_LPWSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
NTSTATUS RtlStringCbPrintfExW(_Out_writes_(cbDest) STRSAFE_LPWSTR pszDest, _In_ size_t cbDest, _Outptr_opt_ STRSAFE_LPWSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ STRSAFE_LPCWSTR pszFormat, ...);
NTSTATUS RtlStringCbLengthW(_In_reads_or_z_(cbMax) STRSAFE_LPCWSTR psz, _In_ size_t cbMax, _Out_opt_ size_t *pcbLength);
NTSTATUS RtlStringCchCopyW(_Out_writes_(cchDest) STRSAFE_LPWSTR pszDest, _In_ size_t cchDest, _In_ STRSAFE_LPCWSTR pszSrc);
NTSTATUS RtlStringCchCopyNW(_Out_writes_(cchDest) STRSAFE_LPWSTR pszDest, _In_ size_t cchDest, _In_ STRSAFE_LPCWSTR pszSrc, _In_ size_t cchToCopy);
NTSTATUS RtlStringCchCatW(_Inout_updates_(cchDest) STRSAFE_LPWSTR pszDest, _In_ size_t cchDest, _In_ STRSAFE_LPCWSTR pszSrc);
NTSTATUS RtlStringCchCatNW(_Inout_updates_(cchDest) STRSAFE_LPWSTR pszDest, _In_ size_t cchDest, _In_ STRSAFE_LPCWSTR pszSrc, _In_ size_t cchToAppend);
NTSTATUS RtlStringCchPrintfW(_Out_writes_(cchDest) STRSAFE_LPWSTR pszDest, _In_ size_t cchDest, _In_ _Printf_format_string_ STRSAFE_LPCWSTR pszFormat, ...);
NTSTATUS RtlStringCchVPrintfW(_Out_writes_(cchDest) STRSAFE_LPWSTR pszDest, _In_ size_t cchDest, _In_ _Printf_format_string_ STRSAFE_LPCWSTR pszFormat, _In_ va_list argList);
NTSTATUS RtlStringCchCopyExW(_Out_writes_(cchDest) STRSAFE_LPWSTR pszDest, _In_ size_t cchDest, _In_ STRSAFE_LPCWSTR pszSrc, _Outptr_opt_ STRSAFE_LPWSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
NTSTATUS RtlStringCchPrintfExW(_Out_writes_(cchDest) STRSAFE_LPWSTR pszDest, _In_ size_t cchDest, _Outptr_opt_ STRSAFE_LPWSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ STRSAFE_LPCWSTR pszFormat, ...);
NTSTATUS RtlStringCchLengthW(_In_reads_or_z_(cchMax) STRSAFE_LPCWSTR psz, _In_ size_t cchMax, _Out_opt_ size_t *pcchLength);
NTSTATUS RtlUnicodeStringCopy(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString);
NTSTATUS RtlUnicodeStringCat(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString);
NTSTATUS RtlUnicodeStringCopyString(_Inout_ PUNICODE_STRING DestinationString, _In_z_ STRSAFE_LPCWSTR pszSrc);
NTSTATUS RtlUnicodeStringCatString(_Inout_ PUNICODE_STRING DestinationString, _In_z_ STRSAFE_LPCWSTR pszSrc);
NTSTATUS RtlUnicodeStringPrintf(_Inout_ PUNICODE_STRING DestinationString, _In_ _Printf_format_string_ STRSAFE_LPCWSTR pszFormat, ...);
NTSTATUS RtlUnicodeStringVPrintf(_Inout_ PUNICODE_STRING DestinationString, _In_ _Printf_format_string_ STRSAFE_LPCWSTR pszFormat, _In_ va_list argList);
NTSTATUS RtlUnicodeStringInit(_Out_ PUNICODE_STRING DestinationString, _In_opt_z_ STRSAFE_LPCWSTR pszSrc);

EXTERN_C_END

#endif /* NDISLINT_MODEL_NTSTRSAFE_H */
