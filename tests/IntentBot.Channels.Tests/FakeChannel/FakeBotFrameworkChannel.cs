using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntentBot.Protocol.Activities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IntentBot.Channels.Tests.FakeChannel;

/// <summary>
/// A stand-in for the Bot Framework service on loopback (Kestrel, port 0): the peer the Bot Connector channel
/// talks to. It has its own RSA signing keys published through OpenID metadata + JWKS with endorsements,
/// a client-credentials token endpoint that counts its calls, and v3 conversations endpoints that record
/// what arrives and can be told to fail a few times first.
/// </summary>
public sealed class FakeBotFrameworkChannel : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string AppPassword = "test-secret-not-real";
    public const string EndorsedKeyId = "endorsed-key";
    public const string UnendorsedKeyId = "slack-only-key";

    /// <summary>The channels the main key vouches for.</summary>
    public static readonly string[] EndorsedChannels = ["msteams", "webchat", "emulator", "test"];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedActivity> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(HttpStatusCode Status, string? RetryAfter)>> _plannedFailures = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _issuedTokens = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private int _tokenRequests;
    private int _keyRequests;
    private int _metadataRequests;
    private int _failuresServed;

    public RsaSecurityKey SigningKey { get; } = NewKey(EndorsedKeyId);
    public RsaSecurityKey UnendorsedKey { get; } = NewKey(UnendorsedKeyId);

    /// <summary>Signs Emulator tokens; published only in the Emulator (Entra ID) metadata, without endorsements.</summary>
    public RsaSecurityKey EmulatorKey { get; } = NewKey("emulator-key");

    public const string EmulatorIssuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";

    /// <summary>Never published: tokens signed with it are forgeries, even when they claim a published kid.</summary>
    public RsaSecurityKey ForgeryKey { get; } = NewKey(EndorsedKeyId);

    /// <summary>expires_in of the tokens the token endpoint issues.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>When set, the conversations endpoints demand a token this channel issued (and that has not expired).</summary>
    public bool RequireBotToken { get; set; } = true;

    public int TokenRequests => Volatile.Read(ref _tokenRequests);
    public int KeyDocumentRequests => Volatile.Read(ref _keyRequests);
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    /// <summary>False: the OpenID metadata endpoint answers 503 (the channel's login service is down).</summary>
    public bool MetadataAvailable { get; set; } = true;
    public int FailuresServed => Volatile.Read(ref _failuresServed);
    public ConcurrentQueue<string> TokenRequestTenants { get; } = new();
    public IReadOnlyCollection<ReceivedActivity> Received => _received;

    public string BaseUrl { get; }
    public string ServiceUrl => BaseUrl + "/service/";
    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";
    public string EmulatorMetadataUrl => BaseUrl + "/emulator/v2.0/.well-known/openid-configuration";
    public string TokenEndpoint => BaseUrl + "/{tenant}/oauth2/v2.0/token";

    private FakeBotFrameworkChannel(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeBotFrameworkChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var holder = new FakeBotFrameworkChannel[1];
        app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref holder[0]._metadataRequests);
            return holder[0].MetadataAvailable ? Results.Json(holder[0].Metadata()) : Results.StatusCode(503);
        });
        app.MapGet("/v1/.well-known/keys", () => { Interlocked.Increment(ref holder[0]._keyRequests); return holder[0].Keys(); });
        app.MapGet("/emulator/v2.0/.well-known/openid-configuration", () =>
            holder[0].MetadataAvailable ? Results.Json(holder[0].EmulatorMetadata()) : Results.StatusCode(503));
        app.MapGet("/emulator/keys", () => new JsonObject { ["keys"] = new JsonArray(Jwk(holder[0].EmulatorKey, [])) });
        app.MapPost("/{tenant}/oauth2/v2.0/token", (string tenant, HttpRequest request) => holder[0].IssueTokenAsync(tenant, request));
        app.MapPost("/service/v3/conversations/{conversationId}/activities/{replyToId}",
            (string conversationId, string replyToId, HttpRequest request) => holder[0].ReceiveAsync(conversationId, replyToId, request));
        app.MapPost("/service/v3/conversations/{conversationId}/activities",
            (string conversationId, HttpRequest request) => holder[0].ReceiveAsync(conversationId, null, request));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        holder[0] = new FakeBotFrameworkChannel(app, address.TrimEnd('/'));
        return holder[0];
    }

    /// <summary>The next <paramref name="times"/> activities sent to this conversation get this status instead.</summary>
    public void FailNext(string conversationId, HttpStatusCode status, int times, string? retryAfter = null)
    {
        var queue = _plannedFailures.GetOrAdd(conversationId, _ => new());
        for (var i = 0; i < times; i++) queue.Enqueue((status, retryAfter));
    }

    /// <summary>A channel → bot token as the Bot Connector service would sign it; every parameter can be spoiled.</summary>
    public string CreateToken(
        string? serviceUrl = null, string audience = AppId, string issuer = Issuer, SecurityKey? key = null,
        DateTime? notBefore = null, DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl ?? ServiceUrl)]),
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>
    /// A token like the Emulator's: Entra ID issuer, our app id as audience and as the calling app (appid in v1
    /// tokens, azp in v2), no serviceurl claim.
    /// </summary>
    public string CreateEmulatorToken(string appId = AppId, string version = "1.0", SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = EmulatorIssuer,
            Audience = AppId,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("ver", version), new Claim(version == "2.0" ? "azp" : "appid", appId)]),
            SigningCredentials = new SigningCredentials(key ?? EmulatorKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>Waits until at least <paramref name="count"/> received activities match; a hang guard, not a timing assertion.</summary>
    public async Task<IReadOnlyList<ReceivedActivity>> WaitForAsync(Func<ReceivedActivity, bool> match, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var matching = _received.Where(match).ToList();
            if (matching.Count >= count) return matching;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"Expected {count} matching activities at the fake channel, got {matching.Count}.");
            await _arrivals.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
        }
    }

    private JsonObject Metadata() => new()
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = BaseUrl + "/v1/authorize",
        ["jwks_uri"] = BaseUrl + "/v1/.well-known/keys",
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    };

    private JsonObject EmulatorMetadata() => new()
    {
        ["issuer"] = "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        ["authorization_endpoint"] = BaseUrl + "/emulator/authorize",
        ["jwks_uri"] = BaseUrl + "/emulator/keys",
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    };

    private JsonObject Keys() => new()
    {
        ["keys"] = new JsonArray(Jwk(SigningKey, EndorsedChannels), Jwk(UnendorsedKey, ["slack"])),
    };

    private static JsonObject Jwk(RsaSecurityKey key, string[] endorsements)
    {
        var parameters = key.Rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            ["endorsements"] = new JsonArray([.. endorsements.Select(e => (JsonNode)e)]),
        };
    }

    private async Task<IResult> IssueTokenAsync(string tenant, HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "client_credentials" || form["client_id"] != AppId || form["client_secret"] != AppPassword
            || form["scope"] != "https://api.botframework.com/.default")
        {
            return Results.Json(new JsonObject { ["error"] = "invalid_client" }, statusCode: 401);
        }
        var n = Interlocked.Increment(ref _tokenRequests);
        TokenRequestTenants.Enqueue(tenant);
        var token = $"fake-bot-token-{n}-{Guid.NewGuid():N}";
        _issuedTokens[token] = DateTimeOffset.UtcNow.AddSeconds(TokenLifetimeSeconds);
        return Results.Json(new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = TokenLifetimeSeconds,
            ["ext_expires_in"] = TokenLifetimeSeconds,
            ["access_token"] = token,
        });
    }

    private async Task<IResult> ReceiveAsync(string conversationId, string? replyToId, HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (RequireBotToken)
        {
            var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
            if (!_issuedTokens.TryGetValue(token, out var expires) || expires <= DateTimeOffset.UtcNow) return Results.StatusCode(401);
        }
        if (_plannedFailures.TryGetValue(conversationId, out var planned) && planned.TryDequeue(out var failure))
        {
            Interlocked.Increment(ref _failuresServed);
            if (failure.RetryAfter is not null) request.HttpContext.Response.Headers.RetryAfter = failure.RetryAfter;
            return Results.StatusCode((int)failure.Status);
        }
        using var body = await JsonDocument.ParseAsync(request.Body);
        var raw = body.RootElement.Clone();
        var activity = raw.Deserialize(ProtocolJsonContext.Default.Activity)!;
        _received.Enqueue(new ReceivedActivity(conversationId, replyToId, authorization, activity, raw));
        _arrivals.Release();
        return Results.Json(new JsonObject { ["id"] = "reply-" + Guid.NewGuid().ToString("N") });
    }

    private static RsaSecurityKey NewKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrivals.Dispose();
    }
}

/// <summary>One activity as the fake channel received it: the path's ids, the Authorization header, the body.</summary>
public sealed record ReceivedActivity(string ConversationId, string? ReplyToId, string Authorization, Activity Activity, JsonElement Raw);
