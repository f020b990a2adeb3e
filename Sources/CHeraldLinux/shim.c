#define _GNU_SOURCE
#include <sys/socket.h>
#include <pthread.h>
#include "CHeraldLinux.h"

int herald_accept4(int listener, int flags) {
    return accept4(listener, 0, 0, flags);
}

void herald_set_thread_name(const char *name) {
    pthread_setname_np(pthread_self(), name);
}
