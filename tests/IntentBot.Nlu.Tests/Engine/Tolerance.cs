namespace IntentBot.Nlu.Tests.Engine;

internal static class Tolerance
{
    /// <summary>
    /// How far a probability may move with the other texts in its micro-batch. The shipped model is int8
    /// with dynamic activation quantisation: one scale per batch tensor, so the same text scores slightly
    /// differently beside different batch-mates. The pretrained encoder of model 2.x has wider activation
    /// ranges than the 1.x models (whose measured max on 2,000 validation texts was 0.024): the texts of these
    /// tests move by up to 0.062 between a batch and a single run, and by up to 0.16 through the HTTP API under
    /// concurrent load (a known weakness of model 2.0.0, see its card). A padding or mask fault moves them far
    /// more. The texts are clear-cut, so their labels must not change.
    /// </summary>
    public const float Probability = 0.25f;
}
