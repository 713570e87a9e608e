using System.Threading.RateLimiting;
using IntentBot.Channels.DirectLine.Transcripts;
using IntentBot.Channels.Limits;
using IntentBot.Context;
using IntentBot.Context.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IntentBot.Channels.DirectLine;

/// <summary>Registration of the self-hosted Direct Line: services, middleware, the protocol routes and the same-origin token endpoint.</summary>
public static class DirectLineChannel
{
    public const string TokenEndpointPath = "/api/v1/directline/token";
    public const string TokenRateLimitPolicy = "directline-token";

    /// <summary>
    /// Registers the channel. Transcripts and token revocations live where <see cref="StateStorage"/> says
    /// (registered with the context store).
    /// </summary>
    public static IServiceCollection AddDirectLine(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<DirectLineOptions>()
            .BindConfiguration(DirectLineOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.TokenSigningKey) || IsValidKey(o.TokenSigningKey),
                "DirectLine:TokenSigningKey must be base64 of at least 32 bytes.");
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DirectLineSecrets>();
        services.AddSingleton<DirectLineTokens>();
        services.AddSingleton<DirectLineConversations>();
        services.AddSingleton<DirectLineStreaming>();
        services.AddKeyedSingleton(TurnRateLimiter.DirectLine, (sp, _) =>
        {
            var o = sp.GetRequiredService<IOptions<DirectLineOptions>>().Value;
            return new TurnRateLimiter(o.TurnsPerMinute, o.TurnBurst);
        });
        services.AddStateStorage();
        services.AddSingleton<ITranscriptStore>(sp => sp.Store<ITranscriptStore>(
            () => ActivatorUtilities.CreateInstance<InMemoryTranscriptStore>(sp),
            redis => new RedisTranscriptStore(redis,
                sp.GetRequiredService<IOptions<ContextOptions>>().Value.KeyPrefix, sp.GetRequiredService<IOptions<DirectLineOptions>>(),
                sp.GetRequiredService<IOptions<ContextOptions>>().Value.OperationTimeout)));
        // Transcripts hold the user's id and messages: DELETE /api/v1/users/{id} erases them.
        services.AddSingleton<IUserDataErasure>(sp => sp.GetRequiredService<ITranscriptStore>());
        // And it ends the tokens naming the user.
        services.AddSingleton<ITokenRevocations>(sp => sp.Store<ITokenRevocations>(
            () => ActivatorUtilities.CreateInstance<InMemoryTokenRevocations>(sp),
            redis => new RedisTokenRevocations(redis, sp.GetRequiredService<IOptions<ContextOptions>>().Value.KeyPrefix,
                sp.GetRequiredService<IOptions<DirectLineOptions>>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IOptions<ContextOptions>>().Value.OperationTimeout)));
        services.AddSingleton<IUserDataErasure>(sp => sp.GetRequiredService<ITokenRevocations>());

        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<DirectLineOptions>>((cors, directLine) =>
            cors.AddPolicy(DirectLineEndpoints.CorsPolicy, policy =>
            {
                var origins = directLine.Value.AllowedOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).ToArray();
                if (origins.Contains("*")) policy.AllowAnyOrigin();
                else policy.WithOrigins(origins); // none: same-origin pages only
                policy.WithHeaders("Authorization", "Content-Type", "x-ms-bot-agent", "x-requested-with")
                    .WithMethods("GET", "POST")
                    .SetPreflightMaxAge(TimeSpan.FromHours(1));
            }));

        // The token endpoint is public (the page calls it), so each client (IP) gets a budget of tokens.
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(TokenRateLimitPolicy, TokenBudget);
        });
        return services;
    }

    private static RateLimitPartition<string> TokenBudget(HttpContext context)
    {
        var permits = context.RequestServices.GetRequiredService<IOptions<DirectLineOptions>>().Value.TokenEndpointPermitsPerMinute;
        if (permits == 0) return RateLimitPartition.GetNoLimiter("off");
        return RateLimitPartition.GetTokenBucketLimiter("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = permits,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>WebSockets and CORS; call before mapping. (The rate limiter middleware is the host's.)</summary>
    public static IApplicationBuilder UseDirectLine(this IApplicationBuilder app)
    {
        app.UseWebSockets();
        app.UseCors();
        return app;
    }

    public static IEndpointRouteBuilder MapDirectLine(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDirectLineProtocol();
        endpoints.MapPost(TokenEndpointPath, IssuePageToken)
            .RequireCors(DirectLineEndpoints.CorsPolicy)
            .RequireRateLimiting(TokenRateLimitPolicy)
            .WithTags("Direct Line")
            .WithName("DirectLinePageToken")
            .WithSummary("A Direct Line token for the chat page: a new conversation and anonymous user, no secret needed.")
            .Produces<DirectLineConversation>()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    /// <summary>
    /// The same-origin exchange: the server spends its own secret on a token bound to a new conversation and a
    /// new anonymous user ("dl_" ids are the ones a client cannot pick for itself), so no secret reaches a browser.
    /// </summary>
    private static IResult IssuePageToken(DirectLineTokens tokens, IOptions<DirectLineOptions> options)
    {
        var userId = "dl_" + DirectLineConversations.NewConversationId();
        var body = DirectLineEndpoints.TokenResponse(tokens, options.Value, DirectLineConversations.NewConversationId(), userId);
        return Results.Json(body, DirectLineJsonContext.Default.DirectLineConversation);
    }

    private static bool IsValidKey(string key)
    {
        try { DirectLineTokens.DecodeKey(key); return true; }
        catch (InvalidOperationException) { return false; }
    }
}
