namespace IntentBot.Server.Shop;

/// <summary>The shop backend seam: the sample shop by default, a real shop over HTTP when configured.</summary>
public static class ShopRegistration
{
    public static WebApplicationBuilder AddShop(this WebApplicationBuilder builder) => builder;
}
