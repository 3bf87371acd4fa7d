/*
 * uses_ndis.cpp - the model-header miniport skeleton compiled as C++, plus a
 * few C++-only uses (classes holding NDIS objects, nullptr, casts), to check
 * that the model headers parse as C++ with C linkage for their routines.
 */
#include "uses_ndis.c"

namespace {

class ScopedSpinLock {
public:
    explicit ScopedSpinLock(PNDIS_SPIN_LOCK lock) : lock_(lock) { NdisAcquireSpinLock(lock_); }
    ~ScopedSpinLock() { NdisReleaseSpinLock(lock_); }
    ScopedSpinLock(const ScopedSpinLock &) = delete;
    ScopedSpinLock &operator=(const ScopedSpinLock &) = delete;

private:
    PNDIS_SPIN_LOCK lock_;
};

} // namespace

EXTERN_C ULONG MpCountQueued(PMP_ADAPTER adapter);

EXTERN_C ULONG MpCountQueued(PMP_ADAPTER adapter)
{
    ScopedSpinLock guard(&adapter->SendLock);
    ULONG count = 0;
    for (PLIST_ENTRY entry = adapter->PendingSends.Flink; entry != &adapter->PendingSends; entry = entry->Flink) {
        ++count;
    }
    auto *registers = static_cast<volatile ULONG *>(static_cast<PVOID>(adapter->Registers));
    if (registers != nullptr) {
        count += READ_REGISTER_ULONG(registers);
    }
    return count;
}
