/* The reference for bench/engine.py: online training of a sigmoid MLP with half-SSE loss, written
 * as a plain C loop, the way one would write it by hand. The same arithmetic as mlpviz's compiled
 * kernel (mlpviz/core/online.py and optimizers.py): forward, output δ, hidden δ, gradients, then
 * the update with the chosen optimizer; the loss of each step is recorded. The benchmark compiles
 * this file with the system's C compiler and calls it through ctypes on the same arrays.
 *
 * optimizer: 0 sgd, 1 momentum, 2 nesterov, 3 rmsprop, 4 adam (SPEC section 9);
 * hyper: momentum, rmsprop decay, beta1, beta2, epsilon.
 */
#include <math.h>

#define MAX_NEURONS 256

/* θ_p ← the optimizer's update with gradient g (c1, c2: Adam's 1 − β₁ᵗ and 1 − β₂ᵗ). */
static inline void update(double *params, double *v, double *s, long p, double g, double rate,
                          int optimizer, const double *hyper, double c1, double c2)
{
    switch (optimizer) {
    case 0:
        params[p] -= rate * g;
        break;
    case 1:
        v[p] = hyper[0] * v[p] + g;
        params[p] -= rate * v[p];
        break;
    case 2:
        v[p] = hyper[0] * v[p] + g;
        params[p] -= rate * (g + hyper[0] * v[p]);
        break;
    case 3:
        s[p] = hyper[1] * s[p] + (1.0 - hyper[1]) * (g * g);
        params[p] -= rate * g / (sqrt(s[p]) + hyper[4]);
        break;
    default:
        v[p] = hyper[2] * v[p] + (1.0 - hyper[2]) * g;
        s[p] = hyper[3] * s[p] + (1.0 - hyper[3]) * (g * g);
        params[p] -= rate * (v[p] / c1) / (sqrt(s[p] / c2) + hyper[4]);
    }
}

long online_loop(double *params, double *state, long updates_before, const long *sizes,
                 long layers, const double *X, const double *Z, long rows, long start,
                 long steps, double rate, int optimizer, const double *hyper, double *losses)
{
    long w_off[16], b_off[16], n_off[17], count = 0;
    double net[MAX_NEURONS], out[MAX_NEURONS], delta[MAX_NEURONS];
    long L = layers - 1;
    n_off[0] = 0;
    for (long l = 0; l < layers; l++)
        n_off[l + 1] = n_off[l] + sizes[l];
    for (long l = 1; l < layers; l++) {
        w_off[l] = count;
        count += sizes[l] * sizes[l - 1];
        b_off[l] = count;
        count += sizes[l];
    }
    double *v = state, *s = state + (optimizer == 4 ? count : 0);
    for (long t = 0; t < steps; t++) {
        long r = (start + t) % rows;
        for (long i = 0; i < sizes[0]; i++)
            out[i] = X[r * sizes[0] + i];
        for (long l = 1; l <= L; l++)
            for (long j = 0; j < sizes[l]; j++) {
                double acc = params[b_off[l] + j];
                const double *w = params + w_off[l] + j * sizes[l - 1];
                for (long i = 0; i < sizes[l - 1]; i++)
                    acc += w[i] * out[n_off[l - 1] + i];
                net[n_off[l] + j] = acc;
                out[n_off[l] + j] = 1.0 / (1.0 + exp(-acc));
            }
        double E = 0.0;
        for (long k = 0; k < sizes[L]; k++) {
            double y = out[n_off[L] + k], diff = y - Z[r * sizes[L] + k];
            E += 0.5 * diff * diff;
            delta[n_off[L] + k] = diff * (y * (1.0 - y));
        }
        losses[t] = E;
        for (long l = L - 1; l > 0; l--)
            for (long i = 0; i < sizes[l]; i++) {
                double acc = 0.0;
                for (long j = 0; j < sizes[l + 1]; j++)
                    acc += params[w_off[l + 1] + j * sizes[l] + i] * delta[n_off[l + 1] + j];
                double o = out[n_off[l] + i];
                delta[n_off[l] + i] = acc * (o * (1.0 - o));
            }
        double c1 = 1.0, c2 = 1.0;
        if (optimizer == 4) {
            double t1 = (double)(updates_before + t + 1);
            c1 = 1.0 - pow(hyper[2], t1);
            c2 = 1.0 - pow(hyper[3], t1);
        }
        for (long l = 1; l <= L; l++)
            for (long j = 0; j < sizes[l]; j++) {
                double d = delta[n_off[l] + j];
                long row = w_off[l] + j * sizes[l - 1];
                for (long i = 0; i < sizes[l - 1]; i++)
                    update(params, v, s, row + i, d * out[n_off[l - 1] + i], rate, optimizer,
                           hyper, c1, c2);
                update(params, v, s, b_off[l] + j, d, rate, optimizer, hyper, c1, c2);
            }
    }
    return steps;
}
