/*
 * A seeded pseudo-random generator for the Monte Carlo kernels:
 * xoshiro256** (Blackman and Vigna 2018) seeded through splitmix64, with
 * unbiased bounded integers (Lemire 2019) and doubles in [0, 1). The same
 * seed gives the same stream on every platform.
 */
#ifndef SV_ANALYSIS_RNG_H
#define SV_ANALYSIS_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
	uint64_t	s[4];
};

/* Seeds the state from one 64-bit seed (any value, 0 included). */
void		rng_seed(struct rng *, uint64_t seed);
uint64_t	rng_next(struct rng *);
/* Uniform integer in [0, bound), bound >= 1, without modulo bias. */
uint64_t	rng_below(struct rng *, uint64_t bound);
/* Uniform double in [0, 1) with 53 random bits. */
double		rng_double(struct rng *);
/* Fisher-Yates shuffle of n 32-bit values. */
void		rng_shuffle_u32(struct rng *, uint32_t *v, size_t n);

#endif
