/*
 * bench_memlat.c - what a random memory access costs on this machine, so
 * the triage figures can be read against it (docs/performance.md). A
 * pointer chase through one random cycle over the 64-byte lines of a
 * buffer: every load depends on the one before, so the time per step is
 * the latency at that working-set size (caches, TLB, DRAM).
 * Built by meson, never run by the tests. Prints one line per size:
 *   bench memlat_<KiB>k <ns> ns
 * POSIX (clock_gettime) is fine here: this is a program, not the library.
 */
#define _XOPEN_SOURCE 700

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { LINE = 64, STEPS = 10000000 };

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* xorshift64: deterministic shuffles. */
static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Nanoseconds per dependent load over `bytes` of lines linked in one
 * random cycle (a Sattolo shuffle gives a single cycle through all). */
static double chase_ns(size_t bytes)
{
    size_t n = bytes / LINE;
    size_t *order = malloc(n * sizeof *order);
    unsigned char *buf = malloc(bytes + LINE);
    if (!order || !buf) {
        fprintf(stderr, "bench_memlat: out of memory\n");
        exit(1);
    }
    unsigned char *base = buf + (LINE - (uintptr_t)buf % LINE) % LINE;
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    uint64_t seed = UINT64_C(0x9E3779B97F4A7C15);
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = (size_t)(next_rand(&seed) % i); /* j < i: one cycle */
        size_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < n; i++)
        *(void **)(base + order[i] * LINE) = base + order[(i + 1) % n] * LINE;
    void *p = base;
    for (size_t i = 0; i < n; i++) /* warm the cycle once */
        p = *(void **)p;
    double t0 = now_s();
    for (long i = 0; i < STEPS; i++)
        p = *(void **)p;
    double dt = now_s() - t0;
    if (p == NULL) /* keeps the chase from being optimised away */
        puts("#");
    free(order);
    free(buf);
    return dt / STEPS * 1e9;
}

int main(void)
{
    printf("# random dependent loads, 64-byte lines, 4 KiB pages unless the host says otherwise\n");
    for (size_t kib = 16; kib <= 128 * 1024; kib *= 2)
        printf("bench memlat_%zuk %.1f ns\n", kib, chase_ns(kib * 1024));
    return 0;
}
