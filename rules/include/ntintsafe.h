/*
 * ntintsafe.h - model of the kernel-mode safe integer arithmetic routines.
 *
 * Part of the ndislint model headers, written from the public documentation
 * of the RtlXxxAdd / RtlXxxMult / conversion routines, for static analysis
 * only.  A minimal subset is declared.
 */
#ifndef NDISLINT_MODEL_NTINTSAFE_H
#define NDISLINT_MODEL_NTINTSAFE_H

#include <ntdef.h>
#include <ntstatus.h>

EXTERN_C_START

#ifndef ULONG_MAX
#define ULONG_MAX 0xffffffffUL
#endif
#ifndef USHRT_MAX
#define USHRT_MAX 0xffff
#endif
#ifndef UCHAR_MAX
#define UCHAR_MAX 0xff
#endif
#ifndef LONG_MAX
#define LONG_MAX 2147483647L
#endif
#ifndef ULONGLONG_MAX
#define ULONGLONG_MAX 0xffffffffffffffffULL
#endif
#define SIZE_T_MAX MAXSIZE_T
#define STATUS_INTEGER_OVERFLOW_SAFE STATUS_INTEGER_OVERFLOW

NTSTATUS RtlULongAdd(_In_ ULONG ulAugend, _In_ ULONG ulAddend, _Out_ ULONG *pulResult);
NTSTATUS RtlULongSub(_In_ ULONG ulMinuend, _In_ ULONG ulSubtrahend, _Out_ ULONG *pulResult);
NTSTATUS RtlULongMult(_In_ ULONG ulMultiplicand, _In_ ULONG ulMultiplier, _Out_ ULONG *pulResult);
NTSTATUS RtlUShortAdd(_In_ USHORT usAugend, _In_ USHORT usAddend, _Out_ USHORT *pusResult);
NTSTATUS RtlUShortMult(_In_ USHORT usMultiplicand, _In_ USHORT usMultiplier, _Out_ USHORT *pusResult);
NTSTATUS RtlSizeTAdd(_In_ SIZE_T Augend, _In_ SIZE_T Addend, _Out_ SIZE_T *pResult);
NTSTATUS RtlSizeTSub(_In_ SIZE_T Minuend, _In_ SIZE_T Subtrahend, _Out_ SIZE_T *pResult);
NTSTATUS RtlSizeTMult(_In_ SIZE_T Multiplicand, _In_ SIZE_T Multiplier, _Out_ SIZE_T *pResult);
NTSTATUS RtlULongLongAdd(_In_ ULONGLONG ullAugend, _In_ ULONGLONG ullAddend, _Out_ ULONGLONG *pullResult);
NTSTATUS RtlULongLongMult(_In_ ULONGLONG ullMultiplicand, _In_ ULONGLONG ullMultiplier, _Out_ ULONGLONG *pullResult);
NTSTATUS RtlULongLongToULong(_In_ ULONGLONG ullOperand, _Out_ ULONG *pulResult);
NTSTATUS RtlSizeTToULong(_In_ SIZE_T Operand, _Out_ ULONG *pulResult);
NTSTATUS RtlULongToUShort(_In_ ULONG ulOperand, _Out_ USHORT *pusResult);
NTSTATUS RtlULongToUChar(_In_ ULONG ulOperand, _Out_ UCHAR *pch);
NTSTATUS RtlLongToULong(_In_ LONG lOperand, _Out_ ULONG *pulResult);
NTSTATUS RtlULongPtrAdd(_In_ ULONG_PTR Augend, _In_ ULONG_PTR Addend, _Out_ ULONG_PTR *pResult);

EXTERN_C_END

#endif /* NDISLINT_MODEL_NTINTSAFE_H */
