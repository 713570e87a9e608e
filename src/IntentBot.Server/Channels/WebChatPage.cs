using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Channels;

/// <summary>
/// The Web Chat widget over the self-hosted Direct Line: the page at /, the shop embed script at /embed.js, the
/// page's branding at /widget/settings.json and Web Chat's own bundle at /webchat/webchat.js (served from
/// web/node_modules, installed by scripts/ensure-web-deps.sh; never committed).
/// </summary>
public static class WebChatPage
{
    public static WebApplicationBuilder AddWebChatPage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<WidgetOptions>()
            .BindConfiguration(WidgetOptions.SectionName)
            .ValidateDataAnnotations();
        return builder;
    }

    public static WebApplication MapWebChatPage(this WebApplication app)
    {
        var web = Path.Combine(app.Environment.ContentRootPath, "web");
        var webChat = Path.Combine(web, "node_modules", "botframework-webchat", "dist", "webchat.js");
        app.MapGet("/", (HttpContext context) => WebFile(context, Path.Combine(web, "index.html"), "text/html; charset=utf-8", maxAgeSeconds: 0))
            .ExcludeFromDescription();
        app.MapGet("/embed.js", (HttpContext context) => WebFile(context, Path.Combine(web, "embed.js"), "text/javascript; charset=utf-8", maxAgeSeconds: 300))
            .ExcludeFromDescription();
        // The page's branding (shop name, logo, colour): configuration, so the page itself stays the same for every shop.
        app.MapGet("/widget/settings.json", (HttpContext context, IOptions<WidgetOptions> options) =>
            {
                var o = options.Value;
                context.Response.Headers.CacheControl = "no-cache";
                return Results.Json(new WidgetSettings(o.ShopName, o.Tagline, o.TaglineZh, string.IsNullOrEmpty(o.LogoUrl) ? null : o.LogoUrl, o.AccentColor),
                    WidgetJsonContext.Default.WidgetSettings);
            })
            .ExcludeFromDescription();
        // Web Chat's bundle changes only with web/package-lock.json.
        app.MapGet("/webchat/webchat.js", (HttpContext context) => WebFile(context, webChat, "text/javascript; charset=utf-8", maxAgeSeconds: 3600))
            .ExcludeFromDescription();
        return app;
    }

    private static IResult WebFile(HttpContext context, string path, string contentType, int maxAgeSeconds)
    {
        if (!File.Exists(path))
        {
            return Problems.Problem.Unavailable(context, "The web widget is not installed",
                $"{Path.GetFileName(path)} is missing: run scripts/ensure-web-deps.sh (run.sh and test.sh do) to install Web Chat with npm.", 60);
        }
        context.Response.Headers.CacheControl = maxAgeSeconds == 0 ? "no-cache" : $"public, max-age={maxAgeSeconds}";
        return Results.File(path, contentType, lastModified: File.GetLastWriteTimeUtc(path));
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WidgetSettings))]
internal sealed partial class WidgetJsonContext : JsonSerializerContext;
