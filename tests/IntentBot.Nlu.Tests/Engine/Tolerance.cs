namespace IntentBot.Nlu.Tests.Engine;

internal static class Tolerance
{
    /// <summary>
    /// How far a probability may move with the other texts in its micro-batch. The shipped model quantises its
    /// activations with one scale per token, so a text's numbers do not depend on its batch-mates; what is left
    /// is the order of floating-point sums in the attention over padded positions (measured: below 1e-5). A model
    /// quantised with one scale per batch tensor moves by up to 0.17, and a padding or mask fault by more.
    /// </summary>
    public const float Probability = 0.001f;
}
