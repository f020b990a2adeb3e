// Linux system headers that Swift's Glibc module does not expose, and
// constants whose C definitions (enums, macros) import awkwardly.
#ifndef C_HERALD_LINUX_H
#define C_HERALD_LINUX_H

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/resource.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>

static const uint32_t herald_EPOLLIN = EPOLLIN;
static const uint32_t herald_EPOLLOUT = EPOLLOUT;
static const uint32_t herald_EPOLLERR = EPOLLERR;
static const uint32_t herald_EPOLLHUP = EPOLLHUP;
static const uint32_t herald_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t herald_EPOLLET = EPOLLET;

static const int herald_EFD_NONBLOCK = EFD_NONBLOCK;
static const int herald_EFD_CLOEXEC = EFD_CLOEXEC;
static const int herald_TFD_NONBLOCK = TFD_NONBLOCK;
static const int herald_TFD_CLOEXEC = TFD_CLOEXEC;
static const int herald_SOCK_NONBLOCK = SOCK_NONBLOCK;
static const int herald_SOCK_CLOEXEC = SOCK_CLOEXEC;
static const int herald_SOCK_STREAM = SOCK_STREAM;

/// The epoll event's user data as one 64-bit word (epoll_event is packed on x86_64,
/// so field access goes through C rather than through an imported union).
static inline uint64_t herald_epoll_event_data(const struct epoll_event *event) {
    return event->data.u64;
}
static inline uint32_t herald_epoll_event_events(const struct epoll_event *event) {
    return event->events;
}
static inline struct epoll_event herald_epoll_event_make(uint32_t events, uint64_t data) {
    struct epoll_event event;
    event.events = events;
    event.data.u64 = data;
    return event;
}

/// Ignores SIGPIPE for the whole process: a peer that vanishes mid-write must
/// produce EPIPE, never a signal that kills the gateway.
static inline int herald_ignore_sigpipe(void) {
    struct sigaction action = {0};
    action.sa_handler = SIG_IGN;
    return sigaction(SIGPIPE, &action, 0);
}

/// accept4(2) with SOCK_NONBLOCK|SOCK_CLOEXEC flags; defined in shim.c, which
/// sets _GNU_SOURCE (the header alone does not declare accept4 without it).
int herald_accept4(int listener, int flags);

/// Names the calling thread (shown by top -H, gdb); _GNU_SOURCE, so in shim.c.
void herald_set_thread_name(const char *name);

#endif
