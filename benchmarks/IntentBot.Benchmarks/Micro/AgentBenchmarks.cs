using BenchmarkDotNet.Attributes;
using IntentBot.Agent;
using IntentBot.Agent.CustomerContext;
using IntentBot.Agent.Handoff;
using IntentBot.Agent.Llm;
using IntentBot.Agent.Plugins;
using IntentBot.Agent.Templates;
using IntentBot.Benchmarks.Load;
using IntentBot.Context;
using IntentBot.Context.Storage;
using IntentBot.Nlu;
using IntentBot.Protocol.Activities;
using IntentBot.Shop.Sample;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace IntentBot.Benchmarks.Micro;

/// <summary>
/// One whole bot turn in process, <see cref="IntentBotAgent.OnTurnAsync"/>, built as the server builds it with
/// the defaults: the shipped model on CPU, the embedded conversation store, the committed sample shop behind the
/// Semantic Kernel plugins, the repository's dialogs, no LLM. Each invocation sends the Direct Line load's
/// scripted mix (<see cref="TurnLoad.Script"/>) through one conversation, so rows read as time per turn. The
/// classify-only row runs the same texts through the same engine as the agent calls it (one text, top 4): the
/// difference is what the agent adds.
/// </summary>
public class AgentBenchmarks
{
    private const int Conversations = 16;
    private NluEngine _engine = null!;
    private IntentBotAgent _agent = null!;
    private int _invocation;

    [GlobalSetup]
    public void Setup()
    {
        _engine = NluEngine.Load(Corpus.ModelDirectory, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, NullLogger.Instance);
        _agent = BenchmarkAgent.Create(_engine);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = 9, Description = "Classify only (NluEngine), same texts (per text)")]
    public async Task<int> ClassifyOnly()
    {
        var n = 0;
        foreach (var text in TurnLoad.Script) n += (await _engine.ClassifyAsync([text], topK: 4))[0].Intent.Label.Length;
        return n;
    }

    [Benchmark(OperationsPerInvoke = 9, Description = "Bot turn (IntentBotAgent.OnTurnAsync), scripted mix (per turn)")]
    public Task<int> BotTurn() => TurnsAsync(TurnLoad.Script);

    // An out-of-scope turn searches the catalog for shop names (ShopNameReading); one that names a shop brand is
    // classified a second time. Both kinds side by side show what that costs.
    private static readonly string[] GeneralQuestions = ["what is the capital of Peru", "tell me a joke about cats"];
    private static readonly string[] ShopNameQuestions = ["is the Ferro pan induction compatible", "what age is the Brickly castle for"];

    [Benchmark(OperationsPerInvoke = 2, Description = "Out-of-scope turn, general question (per turn)")]
    public Task<int> OutOfScopeTurn() => TurnsAsync(GeneralQuestions);

    [Benchmark(OperationsPerInvoke = 2, Description = "Out-of-scope turn naming a shop brand, read again (per turn)")]
    public Task<int> ShopNameTurn() => TurnsAsync(ShopNameQuestions);

    private async Task<int> TurnsAsync(string[] texts)
    {
        // A guest user like the chat page's, one of a small pool of conversations so state stays realistic.
        var slot = _invocation++ % Conversations;
        var replies = 0;
        foreach (var text in texts)
        {
            var activity = new Activity
            {
                Type = ActivityTypes.Message, Text = text, ChannelId = "directline",
                From = new ChannelAccount { Id = $"dl_bench{slot}", Role = RoleTypes.User },
                Recipient = new ChannelAccount { Id = "intentbot", Role = RoleTypes.Bot },
                Conversation = new ConversationAccount { Id = $"bench-conversation-{slot}" },
            };
            replies += (await _agent.OnTurnAsync(activity, CancellationToken.None)).Replies.Count;
        }
        return replies;
    }
}
