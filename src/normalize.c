/*
 * normalize.c - UTF-8 decoding and folding for the phrase matcher.
 * (Early stub; the full normaliser follows.)
 */
#include "internal.h"
