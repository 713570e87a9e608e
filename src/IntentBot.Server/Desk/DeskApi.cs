using IntentBot.Agent.Desk;
using IntentBot.Channels.BotConnector;
using IntentBot.Channels.DirectLine.Transcripts;
using IntentBot.Context.Behaviour;
using IntentBot.Context.Storage;
using IntentBot.Server.Context;
using IntentBot.Server.Problems;
using IntentBot.Shop;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Server.Desk;

/// <summary>
/// The desk's HTTP API (API key or desk session): the queue, an opened conversation, claim, the agent's messages
/// and typing, handback and close, and a server-sent event stream that tells desk pages when to refresh.
/// </summary>
public static class DeskApi
{
    public static WebApplication MapDeskApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Desk").RequireDeskAccess();
        // Every desk operation can answer these (sign-in, CSRF, loopback-only when unconfigured).
        group.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        group.AddEndpointFilter(TranslateFailures);

        group.MapGet("/handoffs", ListAsync)
            .WithName("ListHandoffs")
            .WithSummary("Conversations handed to a human and not handed back yet, oldest first, with claim, waiting time and the customer's last message.")
            .Produces<List<HandoffQueueItem>>();

        var conversation = group.MapGroup("/conversations/{conversationId}");
        // The one id rule of every entry point: an id that could never be stored is a 400, not a lookup.
        conversation.AddEndpointFilter(async (context, next) =>
            StoredIds.Error(context.HttpContext.Request.RouteValues["conversationId"] as string, "The conversation id") is { } idError
                ? Problem.Validation("conversationId", idError)
                : await next(context));
        conversation.MapGet("/transcript", TranscriptAsync)
            .WithName("GetConversationTranscript")
            .WithSummary("A handed-off conversation: bot, customer and agent lines (each customer line with intent, confidence and sentiment), the claim, the customer's context and orders, and suggested replies.")
            .Produces<ConversationTranscript>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        conversation.MapPost("/claim", ClaimAsync)
            .WithName("ClaimConversation")
            .WithSummary("Takes a handed-off conversation for an agent; 409 when another agent has it. Body (optional with a desk session): {\"agent\": {\"name\": \"Maria\"}}.")
            .Accepts<ClaimRequest>("application/json")
            .Produces<DeskClaim>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        conversation.MapPost("/messages", MessageAsync)
            .WithName("SendAgentMessage")
            .WithSummary("Sends the agent's reply to the customer at once, as the agent (Web Chat or the Bot Connector channel); claims the conversation when nobody has.")
            .Accepts<AgentMessageRequest>("application/json")
            .Produces<AgentMessageResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        conversation.MapCorrections();
        conversation.MapPost("/typing", TypingAsync)
            .WithName("SendAgentTyping")
            .WithSummary("Shows the customer that the agent is typing.")
            .Accepts<ClaimRequest>("application/json")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict);
        conversation.MapPost("/handback", (string conversationId, HttpContext context, DeskService desk, CancellationToken ct) =>
                HandBackAsync(conversationId, context, desk, close: false, ct))
            .WithName("Handback")
            .WithSummary("Hands a conversation back to the bot: it answers the customer again. Optional JSON body: {\"note\": \"...\", \"agent\": {\"name\": \"Maria\"}}.")
            .Produces<HandbackResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        conversation.MapPost("/close", (string conversationId, HttpContext context, DeskService desk, CancellationToken ct) =>
                HandBackAsync(conversationId, context, desk, close: true, ct))
            .WithName("CloseConversation")
            .WithSummary("Ends the handoff with a goodbye to the customer; the bot answers if they write again. Optional JSON body: {\"note\": \"...\", \"agent\": {\"name\": \"Maria\"}}.")
            .Produces<HandbackResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/desk/events", EventsAsync)
            .WithName("DeskEvents")
            .WithSummary("Server-sent events: 'change' whenever the queue or a conversation changed (on any instance); refetch what you show.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return app;
    }

    private static async Task<IResult> ListAsync(DeskService desk, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var items = (await desk.QueueAsync(ct)).Select(q => new HandoffQueueItem(q.Record.ConversationId, q.Record.UserId, q.Record.ChannelId,
            q.Record.Reason, q.Record.Summary, q.Record.Transcript, q.Record.CreatedUtc, Math.Max(0, (now - q.Record.CreatedUtc).TotalSeconds),
            q.Claim, q.LastCustomerMessage)).ToList();
        return Results.Json(items, DeskApiJsonContext.Default.ListHandoffQueueItem);
    }

    private static async Task<IResult> TranscriptAsync(string conversationId, HttpContext context, DeskService desk, IBehaviourStore behaviour,
        PurchaseIntentEstimator estimator, IOrderService orders, ILoggerFactory logs, CancellationToken ct)
    {
        if (DeskBody.ConversationIdError(conversationId) is { } idError) return Problem.Validation("conversationId", idError);
        var found = await desk.GetAsync(conversationId, ct);
        if (found is null) return Problem.Status(StatusCodes.Status404NotFound, "Not handed off", $"Conversation '{conversationId}' has no desk record.");
        var userId = found.Record?.UserId ?? found.Address?.User?.Id;
        var log = logs.CreateLogger("IntentBot.Desk");

        ContextResponse? customer = null;
        IReadOnlyList<OrderSummary> orderList = [];
        if (userId is not null)
        {
            // Context and orders enrich the view; the agent can still answer without them.
            try
            {
                if (await behaviour.GetContextAsync(userId, null, ct) is { } b)
                    customer = new ContextResponse(b.UserId, b.SessionId, AggregatesDto.From(b.User), b.Session is null ? null : AggregatesDto.From(b.Session),
                        b.RecentEvents.Select(EventDto.From).ToList(), b.RecentChatTurns.Select(ChatTurnDto.From).ToList(), estimator.Estimate(b));
            }
            catch (StoreUnavailableException e) { log.LogWarning(e, "No behaviour context for the desk"); }
            try
            {
                orderList = (await orders.GetOrdersForCustomerAsync(userId, ct)).OrderByDescending(o => o.PlacedAt).Take(5)
                    .Select(o => new OrderSummary(o.Number, o.Status.ToString(), o.PlacedAt, o.Totals.Total, o.Totals.Currency,
                        o.Lines.Select(l => $"{l.Quantity} × {l.Name}").ToList())).ToList();
            }
            catch (ShopUnavailableException e) { log.LogWarning(e, "No orders for the desk"); }
        }
        var last = found.Entries.LastOrDefault(e => e.Role == DeskRoles.Customer);
        var agent = context.Caller().SessionAgent ?? found.Claim?.Agent;
        var transcript = new ConversationTranscript(conversationId, userId, found.Record?.ChannelId ?? found.Address?.ChannelId, found.Record is not null,
            found.Record?.Reason, found.Record?.CreatedUtc, found.Claim, found.Entries, customer, orderList,
            DeskSuggestions.For(last?.Intent, agent, last?.Sentiment == "negative"));
        return Results.Json(transcript, DeskApiJsonContext.Default.ConversationTranscript);
    }

    private static async Task<IResult> ClaimAsync(string conversationId, HttpContext context, DeskService desk, CancellationToken ct)
    {
        if (DeskBody.ConversationIdError(conversationId) is { } idError) return Problem.Validation("conversationId", idError);
        var (body, error) = await DeskBody.ReadAsync(context.Request, DeskApiJsonContext.Default.ClaimRequest, optional: true, ct);
        if (error is not null) return error;
        var agent = AgentName(context, body?.Agent, out var nameError);
        if (agent is null) return nameError!;
        var outcome = await desk.ClaimAsync(conversationId, agent, ct);
        return Answer(conversationId, outcome) ?? Results.Json(outcome.Claim!, DeskApiJsonContext.Default.DeskClaim);
    }

    private static async Task<IResult> MessageAsync(string conversationId, HttpContext context, DeskService desk, IOptions<Security.ApiOptions> api, CancellationToken ct)
    {
        if (DeskBody.ConversationIdError(conversationId) is { } idError) return Problem.Validation("conversationId", idError);
        var (body, error) = await DeskBody.ReadAsync(context.Request, DeskApiJsonContext.Default.AgentMessageRequest, optional: false, ct);
        if (error is not null) return error;
        var text = body!.Text?.Trim();
        if (string.IsNullOrEmpty(text)) return Problem.Validation("text", "Write the reply in \"text\".");
        if (text.EnumerateRunes().Count() > api.Value.MaxTextCharacters) return Problem.Validation("text", $"A reply is at most {api.Value.MaxTextCharacters} characters.");
        var agent = AgentName(context, body.Agent, out var nameError);
        if (agent is null) return nameError!;
        var outcome = await desk.SendAsync(conversationId, agent, text, ct);
        return Answer(conversationId, outcome) ?? Results.Json(new AgentMessageResponse(conversationId, outcome.Entry!, outcome.Claim),
            DeskApiJsonContext.Default.AgentMessageResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> TypingAsync(string conversationId, HttpContext context, DeskService desk, CancellationToken ct)
    {
        if (DeskBody.ConversationIdError(conversationId) is { } idError) return Problem.Validation("conversationId", idError);
        var (body, error) = await DeskBody.ReadAsync(context.Request, DeskApiJsonContext.Default.ClaimRequest, optional: true, ct);
        if (error is not null) return error;
        var agent = AgentName(context, body?.Agent, out var nameError);
        if (agent is null) return nameError!;
        return Answer(conversationId, await desk.TypingAsync(conversationId, agent, ct)) ?? Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> HandBackAsync(string conversationId, HttpContext context, DeskService desk, bool close, CancellationToken ct)
    {
        if (DeskBody.ConversationIdError(conversationId) is { } idError) return Problem.Validation("conversationId", idError);
        // Checked before the body, so a conversation that is not handed off answers 404 whatever was sent.
        if (!await desk.IsHandedOffAsync(conversationId, ct)) return NotHandedOff(conversationId);
        var (body, error) = await DeskBody.ReadAsync(context.Request, DeskApiJsonContext.Default.HandbackRequest, optional: true, ct);
        if (error is not null) return error;
        if (body?.Note is { Length: > 1000 }) return Problem.Validation("note", "A note is at most 1000 characters.");
        string? agent = context.Caller().SessionAgent;
        if (agent is null && body?.Agent?.Name is { } named)
        {
            if (DeskBody.AgentNameError(named) is { } nameError) return Problem.Validation("agent.name", nameError);
            agent = named.Trim();
        }
        var outcome = await desk.HandBackAsync(conversationId, agent, body?.Note, close, ct);
        if (Answer(conversationId, outcome) is { } problem) return problem;
        var r = outcome.Record!;
        return Results.Json(new HandbackResponse(r.ConversationId, r.UserId, r.ChannelId, r.Reason, r.Summary, r.Transcript, r.CreatedUtc,
            close ? "closed" : "handed_back", body?.Note), DeskApiJsonContext.Default.HandbackResponse);
    }

    /// <summary>Server-sent events: one "change" per burst of changes, a comment every 15 s so proxies keep the stream open.</summary>
    private static async Task EventsAsync(HttpContext context, IDeskStore store, CancellationToken ct)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var seen = store.ChangeCount;
        await WriteAsync(context, "retry: 3000\nevent: ready\ndata: {}\n\n", ct);
        while (!ct.IsCancellationRequested)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
            tick.CancelAfter(TimeSpan.FromSeconds(15));
            try
            {
                await store.WaitForChangeAsync(seen, tick.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                await WriteAsync(context, ": keep-alive\n\n", ct);
                continue;
            }
            catch (StoreUnavailableException)
            {
                // The page keeps its last view and hears again once the store is back.
                await WriteAsync(context, "event: unavailable\ndata: {}\n\n", ct);
                await Task.Delay(TimeSpan.FromSeconds(3), ct);
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            seen = store.ChangeCount;
            await WriteAsync(context, "event: change\ndata: {}\n\n", ct);
        }
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken ct)
    {
        try
        {
            await context.Response.WriteAsync(text, ct);
            await context.Response.Body.FlushAsync(ct);
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The signed-in agent, else the one the body names (API key or open desk).</summary>
    private static string? AgentName(HttpContext context, AgentRef? body, out IResult? error)
    {
        error = null;
        if (context.Caller().SessionAgent is { } session) return session;
        if (DeskBody.AgentNameError(body?.Name) is { } message)
        {
            error = Problem.Validation("agent.name", message);
            return null;
        }
        return body!.Name!.Trim();
    }

    private static IResult? Answer(string conversationId, DeskOutcome outcome) => outcome.Status switch
    {
        DeskStatus.Ok => null,
        DeskStatus.NotHandedOff => NotHandedOff(conversationId),
        DeskStatus.ClaimedByOther => Problem.Status(StatusCodes.Status409Conflict, "Claimed by another agent",
            $"{outcome.Claim!.Agent} has had this conversation since {outcome.Claim.ClaimedUtc:u}."),
        DeskStatus.NoAddress => Problem.Status(StatusCodes.Status409Conflict, "The customer cannot be reached",
            "This handoff has no channel address (it was queued without the desk); hand it back instead."),
        _ => throw new InvalidOperationException(outcome.Status.ToString()),
    };

    private static IResult NotHandedOff(string conversationId) =>
        Problem.Status(StatusCodes.Status404NotFound, "Not handed off", $"Conversation '{conversationId}' has no open handoff.");

    /// <summary>Store outages answer 503 + Retry-After, a channel that refused the reply 502, an expired Web Chat conversation 410.</summary>
    private static async ValueTask<object?> TranslateFailures(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is StoreUnavailableException or RedisException or RedisTimeoutException)
        {
            return Problem.Unavailable(context.HttpContext, "Desk store unavailable", "The shared store did not answer; try again shortly.", retryAfterSeconds: 5);
        }
        catch (ConnectorException e)
        {
            return Problem.Status(StatusCodes.Status502BadGateway, "The channel did not take the message", e.Message);
        }
        catch (ConversationNotFoundException)
        {
            return Problem.Status(StatusCodes.Status410Gone, "The customer's chat has ended", "The Web Chat conversation expired; hand the conversation back or close it.");
        }
    }
}
