using System.Text.Json;
using IntentBot.Channels.DirectLine.Transcripts;
using IntentBot.Channels.Limits;
using IntentBot.Context.Storage;
using IntentBot.Http;
using IntentBot.Protocol.Activities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IntentBot.Channels.DirectLine;

/// <summary>
/// The Direct Line 3.0 routes under /v3/directline, shaped like the hosted service's so the stock clients
/// (DirectLineJS, Web Chat, the .NET DirectLine client) work by pointing their domain at us.
/// </summary>
public static class DirectLineEndpoints
{
    public const string BasePath = "/v3/directline";
    public const string CorsPolicy = "DirectLine";

    public static RouteGroupBuilder MapDirectLineProtocol(this IEndpointRouteBuilder endpoints)
    {
        // No .Accepts<T>() here: it is routing metadata too, and would answer a missing or foreign content type
        // with ASP.NET's 415 instead of the Direct Line error shape the stock clients read.
        var group = endpoints.MapGroup(BasePath).RequireCors(CorsPolicy).WithTags("Direct Line")
            .AddEndpointFilter(StoreOutageFilterAsync)
            .ProducesDirectLineErrors();
        group.MapPost("/tokens/generate", GenerateTokenAsync)
            .WithName("DirectLineGenerateToken").WithSummary("Exchange the Direct Line secret for a token bound to a new conversation.")
            .Produces<DirectLineConversation>();
        group.MapPost("/tokens/refresh", RefreshToken)
            .WithName("DirectLineRefreshToken").WithSummary("Exchange a token that has not expired for a fresh one.")
            .Produces<DirectLineConversation>();
        group.MapPost("/conversations", StartConversationAsync)
            .WithName("DirectLineStartConversation").WithSummary("Start the conversation a token names, or a new one with the secret.")
            .Produces<DirectLineConversation>(StatusCodes.Status201Created).Produces<DirectLineConversation>();
        group.MapGet("/conversations/{conversationId}", ReconnectAsync)
            .WithName("DirectLineReconnect").WithSummary("Reconnect to a conversation: a fresh stream URL from a watermark.")
            .Produces<DirectLineConversation>();
        group.MapPost("/conversations/{conversationId}/activities", PostActivityAsync)
            .WithName("DirectLinePostActivity").WithSummary("Send an activity (a customer's message) to the bot.")
            .Produces<ResourceResponse>()
            .Produces<DirectLineErrorResponse>(StatusCodes.Status502BadGateway);
        group.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync)
            .WithName("DirectLineGetActivities").WithSummary("Poll the activities after a watermark.")
            .Produces<ActivitySet>();
        group.MapGet("/conversations/{conversationId}/stream", StreamAsync)
            // A WebSocket (101 Switching Protocols), which OpenAPI cannot describe; clients get its URL as streamUrl.
            .ExcludeFromDescription();
        return group;
    }

    /// <summary>
    /// The transcript store (Redis) being down is an outage, not a server bug: without this, a killed Redis makes
    /// every route answer 500 with an unhandled-exception log (tests/IntentBot.Faults.Tests kill it).
    /// Clients get 503 with Retry-After in the Direct Line error shape, as with the hosted service; DirectLineJS
    /// retries on it. The customer's activity was not stored (short of a write that completed just as the timeout
    /// fired), so the retry loses nothing; a failure to store the bot's replies after the turn is a 502 instead (see
    /// DirectLineConversations), so that a retry does not run the turn twice.
    /// </summary>
    private static async ValueTask<object?> StoreOutageFilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        try
        {
            return await next(invocation);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or StoreUnavailableException
                                   && !invocation.HttpContext.Response.HasStarted)
        {
            invocation.HttpContext.Response.Headers.RetryAfter = "1";
            return DirectLineErrors.Result(StatusCodes.Status503ServiceUnavailable, "ServiceUnavailable",
                "The conversation store is unavailable; retry shortly.");
        }
    }

    private static async Task<IResult> GenerateTokenAsync(HttpContext context, DirectLineSecrets secrets, DirectLineTokens tokens, IOptions<DirectLineOptions> options)
    {
        var (caller, failure) = DirectLineAuth.Authenticate(context, secrets, tokens);
        if (caller is null) return failure!;
        if (!caller.IsSecret)
            return DirectLineErrors.Result(StatusCodes.Status403Forbidden, "Forbidden", "Generating a token requires a secret.");
        var (parameters, error) = await ReadAsync(context, options.Value, DirectLineJsonContext.Default.TokenParameters, optional: true);
        if (error is not null) return error;
        var userId = parameters?.User?.Id;
        if (userId is not null && StoredIds.Error(userId, "user.id") is { } idError) return DirectLineErrors.BadArgument(idError);
        var conversationId = DirectLineConversations.NewConversationId();
        return Results.Json(TokenResponse(tokens, options.Value, conversationId, userId), DirectLineJsonContext.Default.DirectLineConversation);
    }

    private static async Task<IResult> RefreshToken(HttpContext context, DirectLineSecrets secrets, DirectLineTokens tokens, IOptions<DirectLineOptions> options,
        ITokenRevocations revocations)
    {
        var (caller, failure) = DirectLineAuth.Authenticate(context, secrets, tokens);
        if (caller is null) return failure!;
        if (await RevokedAsync(caller, revocations, context.RequestAborted) is { } revoked) return revoked;
        if (caller.IsSecret)
            return DirectLineErrors.Result(StatusCodes.Status403Forbidden, "Forbidden", "Only a token can be refreshed; a secret does not expire.");
        return Results.Json(TokenResponse(tokens, options.Value, caller.Grant!.ConversationId, caller.Grant.UserId), DirectLineJsonContext.Default.DirectLineConversation);
    }

    private static async Task<IResult> StartConversationAsync(HttpContext context, DirectLineSecrets secrets, DirectLineTokens tokens,
        DirectLineConversations conversations, IOptions<DirectLineOptions> options, ITokenRevocations revocations)
    {
        var (caller, failure) = DirectLineAuth.Authenticate(context, secrets, tokens);
        if (caller is null) return failure!;
        if (await RevokedAsync(caller, revocations, context.RequestAborted) is { } revoked) return revoked;
        var (parameters, error) = await ReadAsync(context, options.Value, DirectLineJsonContext.Default.TokenParameters, optional: true);
        if (error is not null) return error;

        // A token names its conversation (made by tokens/generate or our token endpoint); a secret starts a new one.
        var conversationId = caller.Grant?.ConversationId ?? DirectLineConversations.NewConversationId();
        var userId = caller.Grant?.UserId ?? parameters?.User?.Id;
        if (userId is not null && StoredIds.Error(userId, "user.id") is { } idError) return DirectLineErrors.BadArgument(idError);
        var created = await conversations.StartAsync(conversationId, userId, parameters?.Locale, ServiceUrl(context, options.Value), context.RequestAborted);
        var token = caller.IsSecret ? tokens.Issue(conversationId, userId, options.Value.TokenLifetime) : caller.Credential;
        var body = Conversation(context, tokens, options.Value, conversationId, userId, token, caller.Grant, watermark: null);
        return Results.Json(body, DirectLineJsonContext.Default.DirectLineConversation,
            statusCode: created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ReconnectAsync(string conversationId, string? watermark, HttpContext context, DirectLineSecrets secrets,
        DirectLineTokens tokens, ITranscriptStore transcripts, IOptions<DirectLineOptions> options, ITokenRevocations revocations)
    {
        var (caller, failure) = await AuthorizeAsync(context, secrets, tokens, revocations, conversationId);
        if (caller is null) return failure!;
        if (!Watermarks.TryParse(watermark, out var sequence)) return DirectLineErrors.BadArgument("The watermark is not valid.");
        if (!await transcripts.ExistsAsync(conversationId, context.RequestAborted)) return DirectLineErrors.NotFound(conversationId);
        var userId = caller.Grant?.UserId;
        var token = caller.IsSecret ? tokens.Issue(conversationId, null, options.Value.TokenLifetime) : caller.Credential;
        return Results.Json(Conversation(context, tokens, options.Value, conversationId, userId, token, caller.Grant, sequence),
            DirectLineJsonContext.Default.DirectLineConversation);
    }

    private static async Task<IResult> PostActivityAsync(string conversationId, HttpContext context, DirectLineSecrets secrets,
        DirectLineTokens tokens, DirectLineConversations conversations, ITranscriptStore transcripts, IOptions<DirectLineOptions> options,
        [FromKeyedServices(TurnRateLimiter.DirectLine)] TurnRateLimiter turns, ITokenRevocations revocations)
    {
        var (caller, failure) = await AuthorizeAsync(context, secrets, tokens, revocations, conversationId);
        if (caller is null) return failure!;
        // Per conversation, hence per token (a token names one conversation); checked before the body is read.
        if (!turns.TryTake(out var retryAfter, "conv:" + conversationId))
        {
            context.Response.Headers.RetryAfter = TurnRateLimiter.RetryAfterSeconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return DirectLineErrors.Result(StatusCodes.Status429TooManyRequests, "TooManyRequests",
                $"This conversation posts faster than {options.Value.TurnsPerMinute} activities a minute; retry after the Retry-After delay.");
        }
        var (activity, error) = await ReadAsync(context, options.Value, DirectLineJsonContext.Default.Activity, optional: false);
        if (error is not null) return error;
        if (string.IsNullOrWhiteSpace(activity!.Type)) return DirectLineErrors.BadArgument("The activity needs a type.");
        if (string.IsNullOrWhiteSpace(activity.From?.Id)) return DirectLineErrors.BadArgument("The activity needs from.id.");
        // The one id rule of every entry point (StoredIds): what is stored can be erased by DELETE /api/v1/users/{id}.
        if (StoredIds.Error(activity.From.Id, "from.id") is { } idError) return DirectLineErrors.BadArgument(idError);
        if (caller.Grant?.UserId is { } boundUser && !string.Equals(boundUser, activity.From.Id, StringComparison.Ordinal))
            return DirectLineErrors.BadArgument("from.id does not match the user the token was issued for.");
        var length = await transcripts.LengthAsync(conversationId, context.RequestAborted);
        if (length is null) return DirectLineErrors.NotFound(conversationId);
        // A cap on a transcript's length (a check, not a reservation: concurrent posts may pass it by a few).
        if (length >= options.Value.MaxTranscriptActivities)
            return DirectLineErrors.Result(StatusCodes.Status403Forbidden, "ConversationFull",
                $"This conversation holds {options.Value.MaxTranscriptActivities} activities, the most one may hold; start a new conversation.");

        PostOutcome outcome;
        try
        {
            outcome = await conversations.PostAsync(conversationId, activity, ServiceUrl(context, options.Value), context.RequestAborted);
        }
        catch (ConversationNotFoundException)
        {
            return DirectLineErrors.NotFound(conversationId);
        }
        if (outcome.BotFailed)
            return DirectLineErrors.Result(StatusCodes.Status502BadGateway, "BotError", "Failed to send activity: the bot returned an error.");
        return Results.Json(new ResourceResponse(outcome.Id), DirectLineJsonContext.Default.ResourceResponse);
    }

    private static async Task<IResult> GetActivitiesAsync(string conversationId, string? watermark, HttpContext context, DirectLineSecrets secrets,
        DirectLineTokens tokens, ITranscriptStore transcripts, IOptions<DirectLineOptions> options, ITokenRevocations revocations)
    {
        var (caller, failure) = await AuthorizeAsync(context, secrets, tokens, revocations, conversationId);
        if (caller is null) return failure!;
        if (!Watermarks.TryParse(watermark, out var sequence)) return DirectLineErrors.BadArgument("The watermark is not valid.");
        var page = await transcripts.ReadAsync(conversationId, sequence, options.Value.MaxActivitiesPerSet, context.RequestAborted);
        if (page is null) return DirectLineErrors.NotFound(conversationId);
        return Results.Json(new ActivitySet(page.Activities, Watermarks.Format(page.Watermark)), DirectLineJsonContext.Default.ActivitySet);
    }

    private static async Task<IResult> StreamAsync(string conversationId, string? watermark, string? t, HttpContext context, DirectLineSecrets secrets,
        DirectLineTokens tokens, ITranscriptStore transcripts, DirectLineStreaming stream, ITokenRevocations revocations)
    {
        // Browsers cannot set headers on a WebSocket, so the streamUrl carries its own short-lived token in t=.
        // Never a secret there: URLs end up in proxy logs and browser history.
        if (t is { Length: > 0 } && secrets.IsSecret(t))
            return DirectLineErrors.Result(StatusCodes.Status403Forbidden, "Forbidden", "A secret goes in the Authorization header only, never in the URL.");
        (DirectLineCaller? caller, IResult? failure) = t is { Length: > 0 }
            ? DirectLineAuth.Check(t, secrets, tokens, TokenUse.Stream)
            : DirectLineAuth.Authenticate(context, secrets, tokens);
        if (caller is null) return failure!;
        if (!caller.MayAccess(conversationId)) return DirectLineAuth.WrongConversation();
        if (await RevokedAsync(caller, revocations, context.RequestAborted) is { } revoked) return revoked;
        if (!context.WebSockets.IsWebSocketRequest) return DirectLineErrors.BadArgument("This is a WebSocket endpoint.");
        if (!Watermarks.TryParse(watermark, out var sequence)) return DirectLineErrors.BadArgument("The watermark is not valid.");
        if (!await transcripts.ExistsAsync(conversationId, context.RequestAborted)) return DirectLineErrors.NotFound(conversationId);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await stream.RunAsync(socket, conversationId, sequence, context.RequestAborted);
        return Results.Empty;
    }

    private static async Task<(DirectLineCaller? Caller, IResult? Failure)> AuthorizeAsync(HttpContext context, DirectLineSecrets secrets, DirectLineTokens tokens,
        ITokenRevocations revocations, string conversationId)
    {
        var (caller, failure) = DirectLineAuth.Authenticate(context, secrets, tokens);
        if (caller is null) return (null, failure);
        if (!caller.MayAccess(conversationId)) return (null, DirectLineAuth.WrongConversation());
        if (!DirectLineConversations.IsValidConversationId(conversationId)) return (null, DirectLineErrors.NotFound(conversationId));
        if (await RevokedAsync(caller, revocations, context.RequestAborted) is { } revoked) return (null, revoked);
        return (caller, null);
    }

    /// <summary>A token naming a user who was erased after it was issued: refused like an expired one (DirectLineJS then stops).</summary>
    private static async Task<IResult?> RevokedAsync(DirectLineCaller caller, ITokenRevocations revocations, CancellationToken cancellationToken) =>
        caller.Grant is { UserId: { } user } grant && await revocations.IsRevokedAsync(user, grant.IssuedAt, cancellationToken)
            ? DirectLineErrors.Result(StatusCodes.Status403Forbidden, "TokenExpired", "Token revoked: its user's data was erased.")
            : null;

    public static DirectLineConversation TokenResponse(DirectLineTokens tokens, DirectLineOptions options, string conversationId, string? userId) => new()
    {
        ConversationId = conversationId,
        Token = tokens.Issue(conversationId, userId, options.TokenLifetime),
        ExpiresIn = (int)options.TokenLifetime.TotalSeconds,
        UserId = userId,
    };

    private static DirectLineConversation Conversation(HttpContext context, DirectLineTokens tokens, DirectLineOptions options,
        string conversationId, string? userId, string token, TokenGrant? grant, long? watermark)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var streamToken = tokens.Issue(conversationId, userId, options.StreamUrlLifetime, TokenUse.Stream);
        var streamUrl = $"{WebSocketBase(context, options)}{BasePath}/conversations/{conversationId}/stream?"
            + (watermark is { } w ? $"watermark={Watermarks.Format(w)}&" : "") + "t=" + Uri.EscapeDataString(streamToken);
        var expiresIn = grant is null ? options.TokenLifetime : grant.Expires - now;
        return new DirectLineConversation
        {
            ConversationId = conversationId,
            Token = token,
            ExpiresIn = Math.Max(0, (int)expiresIn.TotalSeconds),
            StreamUrl = streamUrl,
        };
    }

    private static string PublicBase(HttpContext context, DirectLineOptions options) =>
        string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
            : options.PublicBaseUrl.TrimEnd('/');

    private static string WebSocketBase(HttpContext context, DirectLineOptions options)
    {
        var httpBase = PublicBase(context, options);
        return httpBase.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + httpBase[8..]
            : httpBase.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "ws://" + httpBase[7..]
            : httpBase;
    }

    private static string ServiceUrl(HttpContext context, DirectLineOptions options) => PublicBase(context, options) + BasePath;

    /// <summary>Reads a JSON body of at most MaxActivityBytes; an empty body is null when <paramref name="optional"/>.</summary>
    private static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context, DirectLineOptions options,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, bool optional) where T : class
    {
        // No media-type check: the stock clients' errors come in the Direct Line shape, not ASP.NET's 415.
        var body = await JsonBodyReader.ReadAsync(context.Request, options.MaxActivityBytes, requireJsonMediaType: false, context.RequestAborted);
        switch (body.Fault)
        {
            case JsonBodyFault.TooLarge: return (null, TooLarge(options.MaxActivityBytes));
            case JsonBodyFault.Empty:
                return optional ? (null, null) : (null, DirectLineErrors.BadArgument("The request body is empty; send a JSON activity."));
            case JsonBodyFault.UnpairedSurrogate: return (null, DirectLineErrors.BadArgument(body.Detail!));
            case not null: return (null, DirectLineErrors.BadArgument($"The request body is not valid JSON: {body.Detail}"));
        }
        try
        {
            var value = JsonSerializer.Deserialize(body.Utf8.Span, type);
            return value is null && !optional ? (null, DirectLineErrors.BadArgument("The request body must be a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, DirectLineErrors.BadArgument($"The request body is not valid JSON: {ex.Message}"));
        }
    }

    private static IResult TooLarge(int limit) =>
        DirectLineErrors.Result(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"The request body is larger than {limit} bytes.");
}
