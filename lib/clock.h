/*
 * The time the application believes it is.  In production that is the system clock.
 * When the configuration enables the test clock (never in production), a request may
 * carry "X-Geps-Test-Now: <unix seconds>" and the CLI may set GEPS_TEST_NOW, so that
 * tests can move past deadlines without waiting.
 */
#ifndef GEPS_CLOCK_H
#define GEPS_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Allows overrides at all; off unless the configuration says test_clock = on. */
void	 clock_enable_test(int on);
/* Sets (or with 0, clears) the override for the current request; ignored if disabled. */
void	 clock_override(int64_t unix_seconds);
/* Seconds since the epoch, UTC. */
int64_t	 clock_now(void);
/* Microseconds from a monotonic clock, for measuring durations. */
int64_t	 clock_mono_us(void);

/* Formats t as a UTC DATETIME(6) literal, "YYYY-MM-DD HH:MM:SS.000000" (out >= 32 bytes). */
void	 clock_sql(int64_t t, char *out, size_t outsz);

/* Parses "YYYY-MM-DD HH:MM:SS[.ffffff]" (UTC) into unix seconds; 0 if empty or bad. */
int64_t	 clock_parse_sql(const char *);

#endif
