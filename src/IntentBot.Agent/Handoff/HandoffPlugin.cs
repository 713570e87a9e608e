using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Handoff;

/// <summary>
/// Kernel plugin "handoff": lets templates (and an LLM) tell the customer how long the human queue is.
/// The handoff itself is done by the engine (it must also change the conversation state atomically).
/// </summary>
public sealed class HandoffPlugin(IHandoffInbox queue)
{
    public const string PluginName = "handoff";

    [KernelFunction("queue_length"), Description("How many conversations are waiting for a human agent right now.")]
    public async Task<int> QueueLengthAsync(CancellationToken cancellationToken = default) =>
        (await queue.ListOpenAsync(cancellationToken)).Count;
}
