using System.Text.Json;
using IntentBot.Channels.Auth;
using IntentBot.Channels.Limits;
using IntentBot.Http;
using IntentBot.Protocol.Activities;
using IntentBot.Protocol.Bots;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.BotConnector;

/// <summary>
/// <c>POST /api/messages</c>: the channel → bot half of the Bot Connector protocol. Order of checks:
/// Bearer token (401; 503 while the channel's signing keys cannot be read), body (400), activity vs. token (serviceUrl claim and endorsement, 403), duplicate (200),
/// then the turn: invoke runs now and its InvokeResponse is the HTTP answer; everything else is queued (202).
/// </summary>
public sealed class BotConnectorEndpoint(
    IOptions<BotConnectorOptions> options,
    ChannelTokenValidator tokens,
    IActivityDeduplicator deduplicator,
    IBot bot,
    TurnRunner turns,
    [FromKeyedServices(TurnRateLimiter.BotConnector)] TurnRateLimiter turnLimits,
    ILogger<BotConnectorEndpoint> logger)
{
    public const string Route = "/api/messages";

    private readonly BotConnectorOptions _options = options.Value;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        ChannelTokenResult? caller = null;
        if (_options.AuthenticationEnabled)
        {
            var token = BearerToken(context.Request);
            if (token is null)
            {
                logger.LogWarning("Rejected a Bot Connector request from {RemoteIp}: no Bearer token", context.Connection.RemoteIpAddress);
                return Unauthorized(context, null);
            }
            caller = await tokens.ValidateAsync(token, cancellationToken);
            if (caller.RetryAfter is { } retryAfter)
            {
                logger.LogWarning("Could not verify a Bot Connector request from {RemoteIp}: {Reason}", context.Connection.RemoteIpAddress, caller.Failure);
                return KeysUnavailable(context, retryAfter);
            }
            if (!caller.IsValid)
            {
                logger.LogWarning("Rejected a Bot Connector request from {RemoteIp}: token {Reason}", context.Connection.RemoteIpAddress, caller.Failure);
                return Unauthorized(context, caller.Failure);
            }
        }

        var body = await JsonBodyReader.ReadAsync(context.Request, _options.MaxActivityBytes, requireJsonMediaType: false, cancellationToken);
        if (body.Fault == JsonBodyFault.TooLarge)
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large",
                detail: $"The activity exceeds {_options.MaxActivityBytes} bytes.");
        if (body.Fault == JsonBodyFault.Empty)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid", detail: "The body is empty or null.");
        if (!body.IsValid) return NotAnActivity(body.Detail);
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body.Utf8.Span, ProtocolJsonContext.Default.Activity);
        }
        catch (JsonException e)
        {
            return NotAnActivity(e.Message);
        }
        if (activity is null)
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid", detail: "The body is empty or null.");
        var errors = ActivityValidation.Validate(activity);
        if (errors.Count > 0)
            return Results.ValidationProblem(errors, title: "The request is not valid", statusCode: StatusCodes.Status400BadRequest);

        if (caller is null && !IsLoopbackUrl(activity.ServiceUrl!))
        {
            // Without authentication anyone can post as any customer; replying only to this machine keeps their
            // answers (order details) from going to whatever serviceUrl the caller names.
            logger.LogWarning("Rejected an activity in local mode: serviceUrl {ServiceUrl} is not on this machine", activity.ServiceUrl);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "In local mode (no BotConnector:AppId) replies go to loopback serviceUrls only (the Emulator, a local test channel).");
        }
        if (caller is not null)
        {
            // The token names the one service it was issued for; replying anywhere else would hand our token to a stranger.
            if (!caller.AllowsServiceUrl(activity.ServiceUrl))
            {
                logger.LogWarning("Rejected an activity on {ChannelId}: serviceUrl {ServiceUrl} does not match the token's", activity.ChannelId, activity.ServiceUrl);
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: "The activity's serviceUrl does not match the token's serviceurl claim.");
            }
            if (!caller.IsEndorsedFor(activity.ChannelId))
            {
                logger.LogWarning("Rejected an activity on {ChannelId}: the signing key {KeyId} is not endorsed for that channel", activity.ChannelId, caller.KeyId);
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: "The token's signing key is not endorsed for this channel.");
            }
        }

        TeamsChannel.NormaliseIncoming(activity);

        // Per conversation; in local mode also per client address, since an unauthenticated caller picks its
        // conversation and sender ids freely and could rotate them. Typing indicators are free, they run no turn.
        string[] turnKeys = caller is null
            ? [$"conv:{activity.ChannelId}|{activity.Conversation!.Id}", "addr:" + context.Connection.RemoteIpAddress]
            : [$"conv:{activity.ChannelId}|{activity.Conversation!.Id}"];
        if (activity.Type != ActivityTypes.Typing && !turnLimits.TryTake(out var turnRetryAfter, turnKeys))
        {
            context.Response.Headers.RetryAfter = TurnRateLimiter.RetryAfterSeconds(turnRetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"More than {_options.TurnsPerMinute} activities a minute in this conversation (or, in local mode, from this address); retry after the Retry-After delay.");
        }

        string? dedupKey = null;
        if (!string.IsNullOrEmpty(activity.Id))
        {
            dedupKey = InMemoryActivityDeduplicator.KeyFor(activity.ChannelId!, activity.Conversation!.Id!, activity.Id);
            if (!await deduplicator.TryBeginAsync(dedupKey, cancellationToken))
            {
                logger.LogInformation("Ignored a repeat of activity {ActivityId} in conversation {ConversationId}", activity.Id, activity.Conversation.Id);
                return Results.Ok();
            }
        }

        // Typing carries nothing to answer; acknowledging it is the whole handling.
        if (activity.Type == ActivityTypes.Typing) return Results.Ok();

        if (activity.Type == ActivityTypes.Invoke) return await InvokeAsync(activity, dedupKey, cancellationToken);

        if (!turns.TryEnqueueTurn(bot, activity))
        {
            await ForgetAsync(dedupKey);
            context.Response.Headers.RetryAfter = "1";
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy",
                detail: "Too many turns are waiting; retry shortly.");
        }
        return Results.Accepted();
    }

    /// <summary>Invoke (Adaptive Card actions, Teams task modules…) expects its answer in the HTTP response itself.</summary>
    private async Task<IResult> InvokeAsync(Activity activity, string? dedupKey, CancellationToken cancellationToken)
    {
        BotTurnResult result;
        try
        {
            result = await bot.OnTurnAsync(activity, cancellationToken);
        }
        catch
        {
            await ForgetAsync(dedupKey); // Nothing happened; the channel's retry deserves a real attempt.
            throw;
        }
        if (!turns.TryEnqueueDelivery(activity, result.Replies))
            logger.LogError("Replies of invoke {ActivityId} were dropped: the delivery queue is full", activity.Id);

        var status = result.InvokeResponse?.Status ?? StatusCodes.Status200OK;
        return result.InvokeResponse?.Body is { } body ? Results.Json(body, statusCode: status) : Results.StatusCode(status);
    }

    private async ValueTask ForgetAsync(string? dedupKey)
    {
        if (dedupKey is not null) await deduplicator.ForgetAsync(dedupKey);
    }

    private static bool IsLoopbackUrl(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip)));

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    /// <summary>
    /// 503, not 401: the token may well be genuine, we just cannot check it now. A 401 would tell the channel (and
    /// whoever watches its dashboards) that our credentials are wrong; a 5xx with Retry-After says "try again".
    /// </summary>
    private static IResult KeysUnavailable(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cannot verify the caller now",
            detail: "The channel's signing keys could not be read, so no token can be checked. Try again after the Retry-After delay.");
    }

    /// <summary>401 with an RFC 6750 challenge; the reason is ours (never the token or a library message).</summary>
    private static IResult Unauthorized(HttpContext context, string? failure)
    {
        context.Response.Headers.WWWAuthenticate = failure is null
            ? "Bearer realm=\"IntentBot\""
            : $"Bearer realm=\"IntentBot\", error=\"invalid_token\", error_description=\"token {failure}\"";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: failure is null ? "A Bearer token from the Bot Framework is required." : $"The Bearer token was rejected: {failure}.");
    }

    private static IResult NotAnActivity(string? reason) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid", detail: $"The body is not a JSON activity: {reason}");
}
