/* referrald-seccomp: install the seccomp filters systemd 252 installs for the system-call settings
 * of systemd/referrald.service, then execvp() the command given.
 *
 *   referrald-seccomp [--print] COMMAND [ARG...]
 *
 * For machines where systemd is installed but not PID 1 (containers, CI): the unit's other
 * restrictions are emulated by scripts/run-confined; scripts/run-seccomp runs this helper (inside
 * run-confined, as the unprivileged user, as systemd applies these filters last, just before
 * execve()). --print writes the filters in libseccomp's PFC form to stderr before loading them.
 *
 * As systemd does (src/shared/seccomp-util.c, src/core/execute.c), each setting is its own
 * filter, loaded in systemd's order, the system call filter last. The kernel runs every filter and
 * takes the most severe action (KILL > ERRNO > ALLOW); between two ERRNO results the filter loaded
 * last wins. So socket(AF_PACKET) gets EAFNOSUPPORT (allowed by the system call filter, refused by
 * the address family filter), clone3() gets ENOSYS, setuid() gets EPERM.
 *
 * The system call list and the errno come from the unit and `systemd-analyze syscall-filter`
 * through scripts/seccomp/gen-syscall-sets (referrald-seccomp-sets.h); nothing is listed here by
 * hand. Every filter only knows the native architecture; see SystemCallArchitectures= below.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <seccomp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "referrald-seccomp-sets.h"

#ifndef SHM_EXEC
#define SHM_EXEC 0100000
#endif

static bool print_filters;

static void fail(const char *what, int r) {
    fprintf(stderr, "referrald-seccomp: %s: %s\n", what, strerror(r < 0 ? -r : r));
    exit(127);
}

/* A filter whose unmatched calls are allowed. As systemd's seccomp_init_for_arch(): a call of
 * another architecture is allowed by this filter (SCMP_FLTATR_ACT_BADARCH), because the
 * architecture filter below kills it anyway. libseccomp sets no_new_privs when loading
 * (SCMP_FLTATR_CTL_NNP; the unit has NoNewPrivileges=yes, and run-confined sets it too). */
static scmp_filter_ctx new_filter(uint32_t default_action) {
    scmp_filter_ctx ctx = seccomp_init(default_action);
    if (!ctx) fail("seccomp_init", ENOMEM);
    int r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_ALLOW);
    if (r < 0) fail("seccomp_attr_set", r);
    return ctx;
}

static void load(scmp_filter_ctx ctx, const char *what) {
    if (print_filters) {
        fprintf(stderr, "# ---- %s\n", what);
        seccomp_export_pfc(ctx, STDERR_FILENO);
    }
    int r = seccomp_load(ctx);
    if (r < 0) fail(what, r);
    seccomp_release(ctx);
}

static void rule(scmp_filter_ctx ctx, uint32_t action, int syscall, unsigned count, ...) {
    /* At most one argument comparison is used below. */
    struct scmp_arg_cmp cmp[2];
    va_list ap;
    va_start(ap, count);
    for (unsigned i = 0; i < count && i < 2; i++) cmp[i] = va_arg(ap, struct scmp_arg_cmp);
    va_end(ap);
    int r = seccomp_rule_add_exact_array(ctx, action, syscall, count, cmp);
    if (r < 0) {
        char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, syscall);
        fprintf(stderr, "referrald-seccomp: rule for %s: %s\n", name ? name : "?", strerror(-r));
        exit(127);
    }
}

/* RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 (seccomp_restrict_address_families, allow
 * list): socket() with a family below the lowest or above the highest listed, or between them and
 * not listed, fails with EAFNOSUPPORT. (socketpair() is not filtered, nor by systemd; x86-64 has
 * no socketcall().) */
static void restrict_address_families(void) {
    scmp_filter_ctx ctx = new_filter(SCMP_ACT_ALLOW);
    size_t n = sizeof unit_allowed_families / sizeof unit_allowed_families[0];
    int first = 0, last = 0;
    for (size_t i = 0; i < n; i++) {
        int af = unit_allowed_families[i];
        if (first == 0 || af < first) first = af;
        if (last == 0 || af > last) last = af;
    }
    uint32_t refuse = SCMP_ACT_ERRNO(EAFNOSUPPORT);
    rule(ctx, refuse, SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_LT, (scmp_datum_t)first));
    rule(ctx, refuse, SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_GT, (scmp_datum_t)last));
    for (int af = first + 1; af < last; af++) {
        bool listed = false;
        for (size_t i = 0; i < n; i++) listed |= unit_allowed_families[i] == af;
        if (!listed) rule(ctx, refuse, SCMP_SYS(socket), 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)af));
    }
    load(ctx, "RestrictAddressFamilies=");
}

/* MemoryDenyWriteExecute=yes (seccomp_memory_deny_write_execute, x86-64): EPERM for mmap() with
 * PROT_WRITE|PROT_EXEC, for mprotect()/pkey_mprotect() adding PROT_EXEC at all (W^X cannot be
 * checked against the existing mapping, so systemd refuses any), and for shmat() with SHM_EXEC. */
static void memory_deny_write_execute(void) {
    scmp_filter_ctx ctx = new_filter(SCMP_ACT_ALLOW);
    uint32_t refuse = SCMP_ACT_ERRNO(EPERM);
    rule(ctx, refuse, SCMP_SYS(mmap), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC | PROT_WRITE, PROT_EXEC | PROT_WRITE));
    rule(ctx, refuse, SCMP_SYS(mprotect), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC));
    rule(ctx, refuse, SCMP_SYS(pkey_mprotect), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, PROT_EXEC));
    rule(ctx, refuse, SCMP_SYS(shmat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, SHM_EXEC, SHM_EXEC));
    load(ctx, "MemoryDenyWriteExecute=yes");
}

/* RestrictRealtime=yes (seccomp_restrict_realtime): sched_setscheduler() with a policy other than
 * SCHED_OTHER, SCHED_BATCH, SCHED_IDLE (i.e. SCHED_FIFO, SCHED_RR, 4, and anything above
 * SCHED_IDLE such as SCHED_DEADLINE or a policy with SCHED_RESET_ON_FORK) fails with EPERM.
 * (sched_setscheduler and sched_setattr are in @resources, refused by the system call filter
 * here anyway.) */
static void restrict_realtime(void) {
    scmp_filter_ctx ctx = new_filter(SCMP_ACT_ALLOW);
    const int permitted[] = { SCHED_OTHER, SCHED_BATCH, SCHED_IDLE };
    int max_policy = SCHED_IDLE;
    for (int p = 0; p < max_policy; p++) {
        bool good = false;
        for (size_t i = 0; i < sizeof permitted / sizeof permitted[0]; i++) good |= permitted[i] == p;
        if (!good) rule(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setscheduler), 1, SCMP_A1(SCMP_CMP_EQ, (scmp_datum_t)p));
    }
    rule(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(sched_setscheduler), 1, SCMP_A1(SCMP_CMP_GT, (scmp_datum_t)max_policy));
    load(ctx, "RestrictRealtime=yes");
}

/* RestrictSUIDSGID=yes (seccomp_restrict_suid_sgid; run-confined cannot do this one either):
 * EPERM for chmod/fchmod/fchmodat, mkdir/mkdirat, mknod/mknodat, open/openat with O_CREAT,
 * creat with a mode that has S_ISUID or S_ISGID; openat2() refused altogether (its mode is behind
 * a pointer). systemd 252 predates fchmodat2(), which it therefore does not filter here either. */
static void restrict_suid_sgid(void) {
    scmp_filter_ctx ctx = new_filter(SCMP_ACT_ALLOW);
    uint32_t refuse = SCMP_ACT_ERRNO(EPERM);
    const mode_t modes[] = { S_ISUID, S_ISGID };
    for (size_t i = 0; i < 2; i++) {
        scmp_datum_t m = modes[i];
        rule(ctx, refuse, SCMP_SYS(chmod), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, m, m));
        rule(ctx, refuse, SCMP_SYS(fchmod), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, m, m));
        rule(ctx, refuse, SCMP_SYS(fchmodat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, m, m));
        rule(ctx, refuse, SCMP_SYS(mkdir), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, m, m));
        rule(ctx, refuse, SCMP_SYS(mkdirat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, m, m));
        rule(ctx, refuse, SCMP_SYS(mknod), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, m, m));
        rule(ctx, refuse, SCMP_SYS(mknodat), 1, SCMP_A2(SCMP_CMP_MASKED_EQ, m, m));
        rule(ctx, refuse, SCMP_SYS(open), 2, SCMP_A1(SCMP_CMP_MASKED_EQ, O_CREAT, O_CREAT), SCMP_A2(SCMP_CMP_MASKED_EQ, m, m));
        rule(ctx, refuse, SCMP_SYS(openat), 2, SCMP_A2(SCMP_CMP_MASKED_EQ, O_CREAT, O_CREAT), SCMP_A3(SCMP_CMP_MASKED_EQ, m, m));
        rule(ctx, refuse, SCMP_SYS(creat), 1, SCMP_A1(SCMP_CMP_MASKED_EQ, m, m));
    }
    rule(ctx, refuse, SCMP_SYS(openat2), 0);
    load(ctx, "RestrictSUIDSGID=yes");
}

/* RestrictNamespaces=yes (seccomp_restrict_namespaces with nothing retained): setns() refused
 * altogether; unshare() and clone() with any of CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET,
 * CLONE_NEWNS, CLONE_NEWPID, CLONE_NEWUSER, CLONE_NEWUTS fail with EPERM; clone3() fails with
 * ENOSYS (its flags are behind a pointer; ENOSYS makes glibc fall back to clone(), systemd >= 251). */
static void restrict_namespaces(void) {
    scmp_filter_ctx ctx = new_filter(SCMP_ACT_ALLOW);
    const unsigned long flags[] = { CLONE_NEWCGROUP, CLONE_NEWIPC, CLONE_NEWNET, CLONE_NEWNS,
                                    CLONE_NEWPID, CLONE_NEWUSER, CLONE_NEWUTS };
    rule(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(setns), 0);
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
        scmp_datum_t f = flags[i];
        rule(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(unshare), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, f, f));
        rule(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1, SCMP_A0(SCMP_CMP_MASKED_EQ, f, f));
    }
    rule(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0);
    load(ctx, "RestrictNamespaces=yes");
}

/* SystemCallArchitectures=native (seccomp_restrict_archs): a filter with no rules that knows only
 * the native architecture, with libseccomp's default action for other ones: kill. On x86-64 that
 * kills i386 calls (int 0x80) and x32 calls (__X32_SYSCALL_BIT), which would otherwise get round
 * the per-architecture rules. */
static void restrict_archs(void) {
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) fail("seccomp_init", ENOMEM);
    load(ctx, "SystemCallArchitectures=native");
}

/* LockPersonality=yes (seccomp_lock_personality): personality() with any argument other than the
 * current personality fails with EPERM (systemd's opinionated_personality(): PER_LINUX, or
 * PER_LINUX32 if that is the current one). Even the query personality(0xffffffff) is refused. */
static void lock_personality(unsigned long current) {
    scmp_filter_ctx ctx = new_filter(SCMP_ACT_ALLOW);
    rule(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(personality), 1, SCMP_A0(SCMP_CMP_NE, (scmp_datum_t)current));
    load(ctx, "LockPersonality=yes");
}

/* SystemCallFilter=@system-service, SystemCallFilter=~@privileged @resources,
 * SystemCallErrorNumber=EPERM (seccomp_load_syscall_filter_set_raw, allow-list mode): every call
 * not in the resolved list fails with the unit's errno; names libseccomp cannot resolve on this
 * architecture are skipped, as systemd skips them. In systemd 252 this includes calls unknown to
 * systemd (from 255 on, those get ENOSYS instead). This also covers the seccomp parts of
 * ProtectClock=, ProtectKernelModules=, ProtectKernelLogs=, ProtectKernelTunables=,
 * ProtectHostname= and PrivateDevices= (@clock, @module, syslog, _sysctl, sethostname,
 * setdomainname, @raw-io): gen-syscall-sets checks none of them is in the list. */
static void syscall_filter(void) {
    scmp_filter_ctx ctx = new_filter(SCMP_ACT_ERRNO(UNIT_SYSCALL_ERRNO));
    for (size_t i = 0; i < sizeof unit_allowed_syscalls / sizeof unit_allowed_syscalls[0]; i++) {
        int nr = seccomp_syscall_resolve_name(unit_allowed_syscalls[i]);
        if (nr == __NR_SCMP_ERROR) continue;
        /* Negative: a name libseccomp knows but this architecture lacks (a pseudo syscall). */
        if (nr < 0) continue;
        rule(ctx, SCMP_ACT_ALLOW, nr, 0);
    }
    load(ctx, "SystemCallFilter=");
}

int main(int argc, char **argv) {
    int first = 1;
    if (argc > 1 && strcmp(argv[1], "--print") == 0) { print_filters = true; first++; }
    if (argc > first && strcmp(argv[first], "--") == 0) first++;
    if (argc <= first) {
        fprintf(stderr, "usage: referrald-seccomp [--print] [--] COMMAND [ARG...]\n"
                        "(filters of systemd/referrald.service, from %s)\n", UNIT_SYSTEMD_VERSION);
        return 64;
    }

    int current = personality(0xffffffff);
    if (current < 0) fail("personality", errno);
    unsigned long locked = ((unsigned long)current & PER_MASK) == PER_LINUX32 ? PER_LINUX32 : PER_LINUX;

    /* systemd 252's order (exec_child): address families, W^X, realtime, SUID/SGID, namespaces,
     * (sysctl, modules, logs, clock, devices: subsumed, see syscall_filter), architectures,
     * personality, and the system call filter last. */
    restrict_address_families();
    memory_deny_write_execute();
    restrict_realtime();
    restrict_suid_sgid();
    restrict_namespaces();
    restrict_archs();
    lock_personality(locked);
    syscall_filter();

    execvp(argv[first], argv + first);
    fprintf(stderr, "referrald-seccomp: %s: %s\n", argv[first], strerror(errno));
    return errno == ENOENT ? 127 : 126;
}
