package io.xsql.bench;

/**
 * Python's {@code random.Random} (MT19937, CPython's seeding and sampling), so that the Java generator
 * writes byte for byte what {@code shared/bench/gen_products_images.py} writes.
 */
final class PythonRandom {
  private static final int N = 624;
  private static final int M = 397;
  private final int[] mt = new int[N];
  private int index;

  /** Seeds as {@code random.Random(seed)} does for a non-negative int below 2^32. */
  PythonRandom(long seed) {
    initGenrand(19650218);
    int[] key = {(int) seed};
    int i = 1;
    int j = 0;
    for (int k = Math.max(N, key.length); k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) {
        j = 0;
      }
    }
    for (int k = N - 1; k > 0; k--) {
      mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
  }

  private void initGenrand(int s) {
    mt[0] = s;
    for (int i = 1; i < N; i++) {
      mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
    }
    index = N;
  }

  private int next32() {
    if (index >= N) {
      for (int k = 0; k < N; k++) {
        int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
        mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
      }
      index = 0;
    }
    int y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y;
  }

  /** {@code random()}: 53 random bits in [0, 1). */
  double random() {
    long a = (next32() & 0xffffffffL) >>> 5;
    long b = (next32() & 0xffffffffL) >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /** {@code _randbelow(n)} for n below 2^31: rejection sampling on the bit length. */
  int below(int n) {
    int bits = 32 - Integer.numberOfLeadingZeros(n);
    int r = (int) ((next32() & 0xffffffffL) >>> (32 - bits));
    while (r >= n) {
      r = (int) ((next32() & 0xffffffffL) >>> (32 - bits));
    }
    return r;
  }

  /** {@code randint(a, b)}, both ends included. */
  int randint(int a, int b) {
    return a + below(b - a + 1);
  }

  /** {@code uniform(a, b)}. */
  double uniform(double a, double b) {
    return a + (b - a) * random();
  }
}
