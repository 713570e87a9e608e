using IntentBot.Shop;
using Microsoft.Extensions.Options;

namespace IntentBot.Server.Shop;

/// <summary>The sample shop's pictures (the shop itself is registered by the library: AddIntentBotShop).</summary>
public static partial class ShopImages
{
    /// <summary>
    /// The sample shop's product pictures and logo (Shop:SeedPath/images/*.svg) at /shop-images/, the paths its
    /// products' imageUrl name; mapped only for the sample backend (a real shop serves its own pictures).
    /// </summary>
    public static WebApplication MapShopImages(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ShopOptions>>().Value;
        if (options.Backend != ShopBackend.Sample) return app;
        var folder = Path.Combine(ShopServices.SeedFolder(options, app.Environment), "images");
        app.MapGet("/shop-images/{name}", (HttpContext context, string name) =>
            {
                // Only plain file names of the folder's own pictures: no paths, no other file types.
                if (!ImageName().IsMatch(name)) return Results.NotFound();
                var path = Path.Combine(folder, name);
                if (!File.Exists(path)) return Results.NotFound();
                context.Response.Headers.CacheControl = "public, max-age=86400";
                return Results.File(path, "image/svg+xml", lastModified: File.GetLastWriteTimeUtc(path));
            })
            .ExcludeFromDescription();
        return app;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9-]{1,80}\\.svg$")]
    private static partial System.Text.RegularExpressions.Regex ImageName();
}
