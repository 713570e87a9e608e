using System.Numerics;

namespace IntentBot.Nlu.CustomIntents;

/// <summary>
/// Multinomial logistic regression over sentence embeddings, fitted with full-batch Adam and an L2 penalty.
/// A few hundred rows of 384 values fit in a fraction of a second, which is what lets a shop add an intent
/// without a training run.
/// </summary>
internal sealed class SoftmaxRegression
{
    private readonly float[][] _weights;
    private readonly float[] _bias;

    private SoftmaxRegression(float[][] weights, float[] bias) => (_weights, _bias) = (weights, bias);

    public int Classes => _bias.Length;

    /// <param name="rowWeights">How much each row counts (so a few examples of an intent weigh as much as a large background).</param>
    public static SoftmaxRegression Fit(IReadOnlyList<float[]> rows, IReadOnlyList<int> labels, int classes, IReadOnlyList<float> rowWeights,
        float l2 = 1e-3f, int iterations = 250, float learningRate = 0.05f)
    {
        var dims = rows[0].Length;
        var w = NewMatrix(classes, dims);
        var b = new float[classes];
        var (mw, vw, gw) = (NewMatrix(classes, dims), NewMatrix(classes, dims), NewMatrix(classes, dims));
        var (mb, vb, gb) = (new float[classes], new float[classes], new float[classes]);
        var total = rowWeights.Sum();
        var probs = new float[classes];
        const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        for (var step = 1; step <= iterations; step++)
        {
            for (var c = 0; c < classes; c++) { Array.Clear(gw[c]); gb[c] = 0; }
            for (var i = 0; i < rows.Count; i++)
            {
                Probabilities(w, b, rows[i], probs, 1f);
                var scale = rowWeights[i] / total;
                for (var c = 0; c < classes; c++)
                {
                    var g = scale * (probs[c] - (labels[i] == c ? 1f : 0f));
                    if (g == 0) continue;
                    AddScaled(gw[c], rows[i], g);
                    gb[c] += g;
                }
            }
            var correction1 = 1 - MathF.Pow(beta1, step);
            var correction2 = 1 - MathF.Pow(beta2, step);
            for (var c = 0; c < classes; c++)
            {
                for (var d = 0; d < dims; d++)
                {
                    var g = gw[c][d] + l2 * w[c][d];
                    mw[c][d] = beta1 * mw[c][d] + (1 - beta1) * g;
                    vw[c][d] = beta2 * vw[c][d] + (1 - beta2) * g * g;
                    w[c][d] -= learningRate * (mw[c][d] / correction1) / (MathF.Sqrt(vw[c][d] / correction2) + epsilon);
                }
                mb[c] = beta1 * mb[c] + (1 - beta1) * gb[c];
                vb[c] = beta2 * vb[c] + (1 - beta2) * gb[c] * gb[c];
                b[c] -= learningRate * (mb[c] / correction1) / (MathF.Sqrt(vb[c] / correction2) + epsilon);
            }
        }
        return new SoftmaxRegression(w, b);
    }

    /// <summary>Class probabilities of one embedding, with the logits divided by <paramref name="temperature"/>.</summary>
    public float[] Predict(float[] row, float temperature = 1f)
    {
        var probs = new float[Classes];
        Probabilities(_weights, _bias, row, probs, temperature);
        return probs;
    }

    private static void Probabilities(float[][] w, float[] b, float[] row, float[] probs, float temperature)
    {
        var max = float.NegativeInfinity;
        for (var c = 0; c < probs.Length; c++)
        {
            probs[c] = (Dot(w[c], row) + b[c]) / temperature;
            max = Math.Max(max, probs[c]);
        }
        var sum = 0f;
        for (var c = 0; c < probs.Length; c++) sum += probs[c] = MathF.Exp(probs[c] - max);
        for (var c = 0; c < probs.Length; c++) probs[c] /= sum;
    }

    internal static float Dot(float[] a, float[] b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(a, i) * new Vector<float>(b, i);
        var result = Vector.Sum(sum);
        for (; i < a.Length; i++) result += a[i] * b[i];
        return result;
    }

    private static void AddScaled(float[] target, float[] source, float scale)
    {
        var s = new Vector<float>(scale);
        var i = 0;
        for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(target, i) + new Vector<float>(source, i) * s).CopyTo(target, i);
        for (; i < target.Length; i++) target[i] += source[i] * scale;
    }

    private static float[][] NewMatrix(int rows, int columns) => Enumerable.Range(0, rows).Select(_ => new float[columns]).ToArray();
}
