using System.Collections.Concurrent;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Llm;

/// <summary>
/// Watches the tool calls of one free-form answer. Semantic Kernel would otherwise turn a throwing tool into an
/// "Error: ..." message for the model and let it answer anyway (guessing the missing fact), and it allows up to
/// 128 tool rounds. Here a failing tool or one round too many ends the answer: the template answer is used.
/// Another customer's data never reaches the model: a call naming an order the customer does not own is answered
/// "not found" without running, and a result naming another customer is replaced the same way.
/// </summary>
/// <param name="ownsOrder">Checks an order number against the customer; null when no order service is known.</param>
internal sealed class ToolCallGuard(int maxToolRounds, string customerId, Func<string, CancellationToken, Task<bool>>? ownsOrder)
    : IAutoFunctionInvocationFilter
{
    private readonly ConcurrentDictionary<string, bool> _completedCalls = new(StringComparer.Ordinal);
    private volatile string? _failure;

    /// <summary>Why the answer must be rejected, or null while every tool call went well.</summary>
    public string? Failure => _failure;

    /// <summary>Tool calls that ran to completion, by call id.</summary>
    public bool Completed(string callId) => _completedCalls.ContainsKey(callId);

    public int CompletedCount => _completedCalls.Count;

    /// <summary>Tool results withheld because they named another customer.</summary>
    public int Withheld => _withheld;

    private int _withheld;

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        var name = $"{context.Function.PluginName}-{context.Function.Name}";
        if (_failure is not null)
        {
            context.Terminate = true;
            return;
        }
        // RequestSequenceIndex counts model rounds from 0: round maxToolRounds is one too many.
        if (context.RequestSequenceIndex >= maxToolRounds)
        {
            _failure = $"the model still called tools after {maxToolRounds} round(s) ({name})";
            context.Terminate = true;
            return;
        }
        try
        {
            if (ownsOrder is not null && context.Arguments?.TryGetValue("orderNumber", out var number) == true && number is not null
                && !await ownsOrder(number.ToString() ?? "", context.CancellationToken).ConfigureAwait(false))
            {
                Withhold(context);
                MarkCompleted(context);
                return;
            }
            await next(context).ConfigureAwait(false);
            if (OtherCustomersData.Contains(context.Result.GetValue<object>(), customerId)) Withhold(context);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any tool failure means the answer would rest on a missing fact: reject it, do not crash the turn.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failure = $"tool {name} failed with {ex.GetType().Name}";
            context.Terminate = true;
            return;
        }
        MarkCompleted(context);
    }

    private void Withhold(AutoFunctionInvocationContext context)
    {
        Interlocked.Increment(ref _withheld);
        context.Result = new FunctionResult(context.Function, OtherCustomersData.Replacement);
    }

    private void MarkCompleted(AutoFunctionInvocationContext context)
    {
        if (context.ToolCallId is { } id) _completedCalls[id] = true;
    }
}
