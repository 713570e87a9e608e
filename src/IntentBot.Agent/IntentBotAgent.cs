using System.Text.Json;
using IntentBot.Agent.CustomerContext;
using IntentBot.Agent.Desk;
using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Engine;
using IntentBot.Agent.Handoff;
using IntentBot.Agent.Insights;
using IntentBot.Agent.Llm;
using IntentBot.Agent.Telemetry;
using IntentBot.Agent.Templates;
using IntentBot.Context.State;
using IntentBot.Context.Storage;
using IntentBot.Nlu;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;
using IntentBot.Shop;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ActivityStatusCode = System.Diagnostics.ActivityStatusCode;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace IntentBot.Agent;

/// <summary>
/// The customer-service agent every channel talks to. A message turn: classify → read the conversation
/// and profile → decide (continue or switch dialog, fill slots, confirm, call plugins, answer) → save
/// atomically with the versions read; when another turn saved first, redo the turn on fresh state.
/// </summary>
/// <remarks>
/// A redone turn may call a plugin function twice; the shop's operations refuse repeats
/// (e.g. "already cancelled"), so this cannot double an effect.
/// </remarks>
public sealed class IntentBotAgent : IBot
{
    private readonly ITextClassifier _classifier;
    private readonly IConversationStore _store;
    private readonly DialogCatalog _catalog;
    private readonly IHandoffInbox _handoffs;
    private readonly ICustomerSignals _signals;
    private readonly AgentOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<IntentBotAgent> _logger;
    private readonly DialogRunner _runner;
    private readonly ICustomerDirectory? _customers;
    private readonly bool _verifyGuests;
    private readonly HandoffDesk? _desk;
    private readonly ITurnAnalytics? _analytics;
    private const int TopIntents = 4;

    /// <param name="products">The shop's catalog: an out-of-scope message naming its brands gets a second reading
    /// (<see cref="ShopNameReading"/>). Without it the model's verdict stands.</param>
    /// <param name="desk">The agent desk: handed-off conversations and the customer's messages after handoff go there.</param>
    /// <param name="analytics">Where each answered message's facts go (insights and the review queue); it never waits.</param>
    public IntentBotAgent(ITextClassifier classifier, IConversationStore store, DialogCatalog catalog, TemplateRenderer renderer,
        IHandoffInbox handoffs, ICustomerSignals signals, IFreeFormResponder freeForm, IOptions<AgentOptions> options,
        TimeProvider clock, ILogger<IntentBotAgent> logger, ICustomerDirectory? customers = null, ICatalog? products = null,
        IOrderService? orders = null, HandoffDesk? desk = null, ITurnAnalytics? analytics = null)
    {
        _analytics = analytics;
        _customers = customers;
        _desk = desk;
        // Guests prove an order is theirs against the shop's records; without both services every user id is taken as the customer's.
        var guests = customers is null || orders is null ? null : new GuestVerification(orders, customers);
        _verifyGuests = guests is not null;
        (_classifier, _store, _catalog, _handoffs, _signals, _options, _clock, _logger) =
            (classifier, store, catalog, handoffs, signals, options.Value, clock, logger);
        var shopNames = products is null ? null : new ShopNameReading(classifier, products, _options.ClarifyBelow, TopIntents, logger);
        _runner = new DialogRunner(catalog, renderer, freeForm, _options, clock, logger, shopNames, guests, products, classifier);
    }

    public async Task<BotTurnResult> OnTurnAsync(Activity incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        // The activity type is a tag only when it is one we handle, so a channel cannot grow the series.
        var type = incoming.Type is ActivityTypes.Message or ActivityTypes.ConversationUpdate ? incoming.Type : "other";
        using var span = AgentTelemetry.Source.StartActivity("bot.turn");
        span?.SetTag(AgentTelemetry.ActivityTypeTag, type);
        span?.SetTag("intentbot.channel", incoming.ChannelId);
        var started = Stopwatch.GetTimestamp();
        var ok = false;
        try
        {
            var result = incoming.Type switch
            {
                ActivityTypes.Message => await OnMessageAsync(incoming, cancellationToken),
                ActivityTypes.ConversationUpdate => OnConversationUpdate(incoming),
                _ => BotTurnResult.Empty,
            };
            ok = true;
            return result;
        }
        finally
        {
            AgentTelemetry.RecordTurn(type, ok, Stopwatch.GetElapsedTime(started));
            if (!ok) span?.SetStatus(ActivityStatusCode.Error);
        }
    }

    /// <summary>
    /// Greets each member that joined, other than the bot itself, in Chinese when the conversation was started with a
    /// Chinese locale (the Web Chat page sends the browser's language), before the shopper has typed a word.
    /// </summary>
    private BotTurnResult OnConversationUpdate(Activity incoming)
    {
        var botId = incoming.Recipient?.Id;
        var joined = incoming.MembersAdded?.Where(m => m.Id != botId).ToList() ?? [];
        if (joined.Count == 0) return BotTurnResult.Empty;
        var chinese = Language.IsChineseLocale(incoming.Locale);
        var welcome = incoming.CreateReply(chinese ? EngineTexts.Zh.Of(EngineTexts.Welcome) : EngineTexts.Welcome);
        welcome.SuggestedActions = new SuggestedActions { Actions = MainMenuActions(chinese ? Language.Chinese : Language.English) };
        return new BotTurnResult([welcome]);
    }

    private List<CardAction> MainMenuActions(string language) => EngineTexts.MainMenu.Select(s => _catalog.Find(s[1..])).OfType<DialogDefinition>()
        .Select(d => CardAction.ImBack(ReplyBuilder.Localised(language, d.Title, d.TitleTranslations), ReplyBuilder.Localised(language, d.Example, d.ExampleTranslations)))
        .ToList();

    /// <summary>"nvm found it, cancel that" while waiting for a person: out of the queue, back to the bot, unless an
    /// agent already has the conversation.</summary>
    private async Task<bool> WithdrawHandoffAsync(string conversationId, string text, IntentBot.Nlu.Classification.ClassificationResult nlu, CancellationToken ct)
    {
        if (_desk is not null && !await _desk.TryWithdrawAsync(conversationId, text, nlu, ct)) return false;
        return await new HandbackService(_handoffs, _store, Options.Create(_options), _clock).HandBackAsync(conversationId, ct) is not null;
    }

    private async Task<BotTurnResult> OnMessageAsync(Activity incoming, CancellationToken ct)
    {
        var userId = incoming.From?.Id;
        var conversationId = incoming.Conversation?.Id;
        var text = MessageText(incoming);
        if (string.IsNullOrWhiteSpace(userId) || string.IsNullOrWhiteSpace(conversationId) || string.IsNullOrWhiteSpace(text))
            return BotTurnResult.Empty;

        var nlu = (await _classifier.ClassifyAsync([text], topK: TopIntents, ct))[0];
        var signals = await SignalsAsync(userId, ct);
        var signedIn = !_verifyGuests || await IsCustomerAsync(userId, ct);

        for (var attempt = 1; ; attempt++)
        {
            var conversation = await _store.GetConversationAsync(userId, conversationId, ct);
            var profile = await _store.GetProfileAsync(userId, ct);
            var state = conversation?.Value ?? new ConversationState { ConversationId = conversationId, UserId = userId };

            // A person owns the conversation: the bot stays silent until it is handed back, but what the
            // customer writes reaches the person through the handoff record (the console's Redis stream too).
            if (state.HandedOff)
            {
                if (Cues.LeavesForm(text) && await WithdrawHandoffAsync(conversationId, text, nlu, ct))
                {
                    var chinese = Language.Detect(text) == Language.Chinese;
                    var left = incoming.CreateReply(chinese ? EngineTexts.Zh.Of(HelpTexts.LeftQueue) : HelpTexts.LeftQueue);
                    left.SuggestedActions = new SuggestedActions { Actions = MainMenuActions(chinese ? Language.Chinese : Language.English) };
                    return new BotTurnResult([left]);
                }
                if (await _handoffs.FindOpenAsync(conversationId, ct) is { } open)
                    await _handoffs.EnqueueAsync(open with { Transcript = [.. open.Transcript.TakeLast(49), "customer: " + text] }, ct);
                if (_desk is not null) await _desk.OnCustomerMessageAsync(conversationId, text, nlu, ct);
                return BotTurnResult.Empty;
            }

            var turn = new Turn
            {
                Incoming = incoming,
                Text = text,
                Nlu = nlu,
                Original = state,
                ConversationVersion = conversation?.Version ?? 0,
                Profile = profile?.Value ?? await NewProfileAsync(userId, incoming, ct),
                ProfileVersion = profile?.Version ?? 0,
                Signals = signals,
                SignedIn = signedIn,
                Slots = new Dictionary<string, string>(state.Slots),
                Progress = new Dictionary<string, DialogProgress>(state.Progress),
                Facts = state.Facts,
                Transcript = [.. state.Transcript],
                Searched = [.. state.Searched],
                PromotionOffered = state.PromotionOffered,
                Active = state.ActiveDialog,
                Suspended = [.. state.SuspendedDialogs],
                RecentIntents = [.. state.RecentIntents],
            };
            await _runner.RunAsync(turn, ct);

            var saved = await _store.SaveTurnAsync(turn.ToState(_clock.GetUtcNow()), turn.ConversationVersion, turn.Profile, turn.ProfileVersion, ct);
            if (saved.Saved)
            {
                await AfterSaveAsync(turn, ct);
                return new BotTurnResult(turn.Replies);
            }
            _logger.LogInformation("Turn on conversation {Conversation} conflicted ({What}), attempt {Attempt}", conversationId, saved.Conflict, attempt);
            if (attempt >= _options.MaxSaveAttempts)
                throw new ConcurrentTurnException($"Conversation {conversationId} kept changing underneath the turn ({attempt} attempts).");
        }
    }

    /// <summary>A first-time profile, with name and e-mail when the user id is a known shop customer.</summary>
    private async Task<UserProfile> NewProfileAsync(string userId, Activity incoming, CancellationToken ct)
    {
        var profile = new UserProfile { UserId = userId, Locale = incoming.Locale, Name = incoming.From?.Name };
        if (_customers is null) return profile;
        try
        {
            return await _customers.GetByIdAsync(userId, ct) is { } customer
                ? profile with { Name = customer.Name.Split(' ')[0], Email = customer.Email }
                : profile;
        }
        catch (ShopUnavailableException e)
        {
            _logger.LogWarning(e, "Shop unavailable; profile without the customer's name");
            return profile;
        }
    }

    /// <summary>Whether the user id is one of the shop's customers. The shop down: a guest, who can still be helped
    /// with everything but their orders (safer than trusting an id nobody checked).</summary>
    private async Task<bool> IsCustomerAsync(string userId, CancellationToken ct)
    {
        try { return await _customers!.GetByIdAsync(userId, ct) is not null; }
        catch (ShopUnavailableException e)
        {
            _logger.LogWarning(e, "Shop unavailable; the user is treated as a guest this turn");
            return false;
        }
    }

    private async Task AfterSaveAsync(Turn turn, CancellationToken ct)
    {
        if (turn.Handoff is { } record)
        {
            await _handoffs.EnqueueAsync(record, ct);
            AgentTelemetry.RecordHandoff(record.Reason);
            if (_desk is not null)
                foreach (var notice in await _desk.OnHandoffAsync(record, turn.Incoming, turn.Nlu, ct))
                    turn.Replies.Add(turn.Incoming.CreateReply(notice));
        }
        _analytics?.Record(TurnFactsReader.Read(turn, _clock.GetUtcNow()));
        try
        {
            await _signals.RecordChatTurnAsync(new ChatTurnSignal(turn.UserId, turn.ConversationId, turn.Nlu.Intent.Label, turn.Nlu.Intent.Confidence,
                turn.Nlu.OutOfScope, turn.Nlu.Sentiment.Label, turn.Nlu.Sentiment.Confidence, _clock.GetUtcNow()), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Behaviour context is an enrichment: the customer still gets the answer.
            _logger.LogWarning(e, "Could not record the chat turn in the behaviour context");
        }
    }

    private async Task<CustomerSignals> SignalsAsync(string userId, CancellationToken ct)
    {
        try { return await _signals.GetAsync(userId, ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Behaviour context unavailable; answering without it");
            return CustomerSignals.None;
        }
    }

    /// <summary>The typed text, or the "text" an Adaptive Card's submit action carries in <c>value</c>.</summary>
    private static string? MessageText(Activity incoming)
    {
        if (!string.IsNullOrWhiteSpace(incoming.Text)) return incoming.Text.Trim();
        if (incoming.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            return text.GetString()?.Trim();
        return null;
    }
}

/// <summary>The turn could not be saved because other turns kept changing the conversation.</summary>
public sealed class ConcurrentTurnException(string message) : Exception(message);
