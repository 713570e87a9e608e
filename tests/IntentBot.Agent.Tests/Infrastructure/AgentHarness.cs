using System.Reflection;
using System.Text.Json;
using IntentBot.Agent.CustomerContext;
using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Handoff;
using IntentBot.Agent.Llm;
using IntentBot.Context;
using IntentBot.Context.Storage;
using IntentBot.Nlu;
using IntentBot.Nlu.Hosting;
using IntentBot.Protocol.Activities;
using IntentBot.Shop;
using IntentBot.Shop.Sample;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Tests.Infrastructure;

/// <summary>
/// The real pipeline for conversation tests: the shipped ONNX model (NluEngine on CPU) or a
/// <see cref="IntentBot.Testing.ScriptedClassifier"/> in its place, the real context store (embedded, or Redis
/// when given), the committed sample shop behind the real SK plugins, and the dialogs folder of the repository.
/// </summary>
public sealed class AgentHarness
{
    public static string RepoRoot { get; } = typeof(AgentHarness).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string DialogsPath => Path.Combine(RepoRoot, "dialogs");

    public static string ModelPath => Path.Combine(RepoRoot, "models", "intentbot-default");

    private static readonly Lazy<NluEngine> SharedEngine = new(() => NluEngine.Load(
        ModelPath,
        new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu },
        NullLogger.Instance));

    public static ITextClassifier Classifier => SharedEngine.Value;

    public required IntentBotAgent Agent { get; init; }
    public required IConversationStore Store { get; init; }
    public required IHandoffInbox Handoffs { get; init; }
    public required HandbackService Handback { get; init; }
    public required SampleShop Shop { get; init; }
    public required Kernel Kernel { get; init; }
    public required DialogCatalog Dialogs { get; init; }

    /// <summary>
    /// The agent as the server registers it (the libraries' own Add… methods over the repository's defaults), with
    /// the harness's stand-ins: the shared CPU engine (or a script) instead of the model host, no behaviour context
    /// unless <paramref name="signals"/> is given, and whatever else a test passes in. The host is never started:
    /// the dialogs are loaded once here.
    /// </summary>
    /// <param name="products">The catalog the agent reads shop names against (<see cref="IntentBotAgent"/>'s products);
    /// the plugins keep the sample shop.</param>
    public static AgentHarness Create(IConversationStore? store = null, IHandoffInbox? handoffs = null, ICustomerSignals? signals = null,
        IFreeFormResponder? freeForm = null, AgentOptions? options = null, ICatalog? products = null, ITextClassifier? classifier = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = RepoRoot });
        builder.Services.AddIntentBotNlu().AddIntentBotContext().AddIntentBotShop().AddIntentBotAgent();
        builder.Services.AddSingleton(classifier ?? Classifier);
        builder.Services.AddSingleton(signals ?? new NoCustomerSignals());
        if (store is not null) builder.Services.AddSingleton(store);
        if (handoffs is not null) builder.Services.AddSingleton(handoffs);
        if (freeForm is not null) builder.Services.AddSingleton(freeForm);
        if (options is not null) builder.Services.AddSingleton(Options.Create(options));
        if (products is not null) builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<IntentBotAgent>(sp, new CatalogOnly(products)));
        var services = builder.Build().Services;
        var dialogs = AgentSetup.LoadDialogs(services);
        return new AgentHarness
        {
            Agent = services.GetRequiredService<IntentBotAgent>(),
            Store = services.GetRequiredService<IConversationStore>(),
            Handoffs = services.GetRequiredService<IHandoffInbox>(),
            Shop = services.GetRequiredService<SampleShop>(),
            Kernel = services.GetRequiredService<Kernel>(),
            Dialogs = dialogs,
            Handback = services.GetRequiredService<HandbackService>(),
        };
    }

    /// <summary>
    /// Only the catalog of a shop object: ActivatorUtilities gives an argument to the first parameter its type fits,
    /// and an HTTP backend (also a customer directory) would otherwise land in the agent's customers, not its products.
    /// </summary>
    private sealed class CatalogOnly(ICatalog catalog) : ICatalog
    {
        public Task<ProductSearchResult> SearchAsync(ProductQuery query, CancellationToken cancellationToken = default) => catalog.SearchAsync(query, cancellationToken);
        public Task<Product?> GetProductAsync(string idOrSku, CancellationToken cancellationToken = default) => catalog.GetProductAsync(idOrSku, cancellationToken);
        public Task<IReadOnlyList<Category>> GetCategoriesAsync(CancellationToken cancellationToken = default) => catalog.GetCategoriesAsync(cancellationToken);
        public Task<Availability?> GetAvailabilityAsync(string idOrSku, CancellationToken cancellationToken = default) => catalog.GetAvailabilityAsync(idOrSku, cancellationToken);
        public Task<IReadOnlyList<Product>> GetRelatedAsync(string idOrSku, int limit = 5, CancellationToken cancellationToken = default) => catalog.GetRelatedAsync(idOrSku, limit, cancellationToken);
    }

    /// <summary>A conversation of one customer (user id = a shop customer id, so ownership checks pass for their orders).</summary>
    public Conversation Start(string userId = "c1001") => new(this, userId, "conv-" + Guid.NewGuid().ToString("N")[..10]);
}

/// <summary>One customer talking to the bot: each <see cref="SayAsync"/> is a message turn through <see cref="IntentBotAgent"/>.</summary>
public sealed class Conversation(AgentHarness harness, string userId, string conversationId)
{
    public string UserId { get; } = userId;
    public string ConversationId { get; } = conversationId;
    private int _sequence;

    public Task<Reply> SayAsync(string text) => SendAsync(new Activity { Type = ActivityTypes.Message, Text = text });

    public async Task<Reply> SendAsync(Activity activity)
    {
        activity.Id ??= $"m{++_sequence}";
        activity.ChannelId ??= "test";
        activity.From ??= new ChannelAccount { Id = UserId, Role = RoleTypes.User };
        activity.Recipient ??= new ChannelAccount { Id = "bot", Role = RoleTypes.Bot };
        activity.Conversation ??= new ConversationAccount { Id = ConversationId };
        var result = await harness.Agent.OnTurnAsync(activity, CancellationToken.None);
        return new Reply(result.Replies);
    }

    public async Task<Context.State.UserProfile> ProfileAsync() =>
        (await harness.Store.GetProfileAsync(UserId))!.Value;

    public async Task<Context.State.ConversationState> StateAsync() =>
        (await harness.Store.GetConversationAsync(UserId, ConversationId))!.Value;
}

/// <summary>What the bot sent back in one turn, with assertions that read like the transcript.</summary>
public sealed class Reply(IReadOnlyList<Activity> activities)
{
    public IReadOnlyList<Activity> Activities { get; } = activities;

    public IEnumerable<Activity> Messages => Activities.Where(a => a.Type == ActivityTypes.Message);

    public string Text => string.Join("\n", Messages.Select(m => m.Text));

    public IReadOnlyList<string> Suggestions =>
        Messages.SelectMany(m => m.SuggestedActions?.Actions ?? []).Select(a => a.Title ?? "").ToList();

    public IReadOnlyList<JsonElement> Cards => Messages.SelectMany(m => m.Attachments ?? [])
        .Where(a => a.ContentType == AttachmentContentTypes.AdaptiveCard).Select(a => a.Content!.Value).ToList();

    public Activity? Event(string name) => Activities.FirstOrDefault(a => a.Type == ActivityTypes.Event && a.Name == name);

    public Reply Says(params string[] fragments)
    {
        foreach (var fragment in fragments)
            Assert.True(Text.Contains(fragment, StringComparison.OrdinalIgnoreCase), $"Expected the bot to say \"{fragment}\", it said:\n{Text}");
        return this;
    }

    public Reply DoesNotSay(params string[] fragments)
    {
        foreach (var fragment in fragments)
            Assert.False(Text.Contains(fragment, StringComparison.OrdinalIgnoreCase), $"Expected the bot not to say \"{fragment}\", it said:\n{Text}");
        return this;
    }

    public Reply Offers(params string[] titles)
    {
        foreach (var title in titles)
            Assert.True(Suggestions.Contains(title), $"Expected a suggested action \"{title}\", got: {string.Join(", ", Suggestions)}\nText: {Text}");
        return this;
    }

    public Reply ShowsCard(string fragment)
    {
        Assert.True(Cards.Any(c => c.GetRawText().Contains(fragment, StringComparison.Ordinal)),
            $"Expected an Adaptive Card containing \"{fragment}\", got {Cards.Count} card(s): {string.Join("\n", Cards.Select(c => c.GetRawText()))}\nText: {Text}");
        return this;
    }
}
