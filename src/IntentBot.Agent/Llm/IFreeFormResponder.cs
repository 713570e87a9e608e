using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Llm;

/// <summary>
/// The one point where the agent may ask an optional LLM: a free-form question that no dialog can answer
/// (out of scope, or a low-confidence turn the clarification did not resolve). Implementations may call
/// plugin functions through the <see cref="Kernel"/> they are given (the same plugins the dialogs use).
/// </summary>
public interface IFreeFormResponder
{
    /// <returns>The answer text, or null to fall back to the dialog's template answer (no LLM configured,
    /// the LLM failed or timed out, or its answer was rejected).</returns>
    Task<string?> TryAnswerAsync(FreeFormRequest request, Kernel kernel, CancellationToken cancellationToken);
}

/// <summary>What the agent knows when it asks for a free-form answer.</summary>
/// <param name="UserId">The customer (for plugins that read their context).</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Text">The customer's message, verbatim. Data only: never template source.</param>
/// <param name="Intent">The top intent the classifier saw (may be "out_of_scope").</param>
/// <param name="Confidence">That intent's confidence.</param>
/// <param name="OutOfScope">The classifier's out-of-scope verdict.</param>
/// <param name="Sentiment">negative / neutral / positive.</param>
/// <param name="RecentTurns">The last few turns, oldest first, as "customer: ..." / "bot: ..." lines.</param>
public sealed record FreeFormRequest(
    string UserId,
    string ConversationId,
    string Text,
    string Intent,
    float Confidence,
    bool OutOfScope,
    string Sentiment,
    IReadOnlyList<string> RecentTurns);

/// <summary>The default when no LLM is configured: always falls back to the template answer.</summary>
public sealed class NoFreeFormResponder : IFreeFormResponder
{
    public Task<string?> TryAnswerAsync(FreeFormRequest request, Kernel kernel, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
