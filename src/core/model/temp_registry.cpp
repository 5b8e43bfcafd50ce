// A fixed table of live temporary files, cleaned by a signal handler.
//
// This table is the one piece of global state in CountyAtlas: a signal handler receives no
// argument, so what it must clean has to be reachable from a global. It is a fixed array of
// atomically claimed slots because a handler may only touch lock-free atomics and call
// async-signal-safe functions (unlink, sigaction, raise): no allocation, no locks.
#include "core/model/temp_registry.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>
#include <mutex>

namespace ca::model::detail {
namespace {

enum SlotState : int { kFree = 0, kFilling = 1, kLive = 2 };

struct Slot {
    std::atomic<int> state{kFree};
    char path[4096] = {};
};

constexpr std::array kSignals = {SIGINT, SIGTERM, SIGHUP};
constexpr std::size_t kSlots = 64;  // writes in flight at once: one per thread at most, in practice

std::array<Slot, kSlots> g_slots;
std::array<struct sigaction, kSignals.size()> g_previous{};  // what ran before we installed ours
std::once_flag g_installed;

static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may only use lock-free atomics");

void remove_live_files() {
    for (auto& slot : g_slots)
        if (slot.state.load(std::memory_order_acquire) == kLive) unlink(slot.path);
}

void on_signal(int sig, siginfo_t* info, void* context) {
    remove_live_files();
    std::size_t i = 0;
    while (i < kSignals.size() && kSignals[i] != sig) ++i;
    const struct sigaction& previous = g_previous[i];
    if (previous.sa_flags & SA_SIGINFO) {
        previous.sa_sigaction(sig, info, context);
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(sig);
    } else {
        // The default action ends the process: restore it and raise again. The signal is blocked
        // while this handler runs, so it is delivered, with its default action, on return.
        struct sigaction dfl {};
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        sigaction(sig, &dfl, nullptr);
        raise(sig);
    }
}

void install_handlers() {
    for (std::size_t i = 0; i < kSignals.size(); ++i) {
        struct sigaction current {};
        sigaction(kSignals[i], nullptr, &current);
        if (!(current.sa_flags & SA_SIGINFO) && current.sa_handler == SIG_IGN) continue;  // e.g. nohup: the signal ends nothing
        g_previous[i] = current;
        struct sigaction ours {};
        ours.sa_sigaction = on_signal;
        ours.sa_flags = SA_SIGINFO | SA_RESTART;
        sigemptyset(&ours.sa_mask);
        for (int s : kSignals) sigaddset(&ours.sa_mask, s);  // one cleanup at a time
        sigaction(kSignals[i], &ours, nullptr);
    }
}

}  // namespace

int remember_temp_file(const std::string& path) {
    std::call_once(g_installed, install_handlers);
    if (path.size() >= sizeof(Slot::path)) return -1;
    for (std::size_t i = 0; i < kSlots; ++i) {
        int expected = kFree;
        if (!g_slots[i].state.compare_exchange_strong(expected, kFilling, std::memory_order_acquire)) continue;
        std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
        g_slots[i].state.store(kLive, std::memory_order_release);  // the handler sees the whole path or none
        return static_cast<int>(i);
    }
    return -1;
}

void forget_temp_file(int slot) {
    if (slot >= 0) g_slots[static_cast<std::size_t>(slot)].state.store(kFree, std::memory_order_release);
}

}  // namespace ca::model::detail
