namespace IntentBot.Agent.Engine;

/// <summary>
/// Chinese names for the shop's own words a Chinese answer mentions: product categories, variants' sizes and colours,
/// payment methods and destination countries.
/// </summary>
/// <remarks>
/// The shop's data names them in English ("Running Shoes", "DE"). Brand and product names stay as the shop writes
/// them, but a category is a common noun a Chinese shopper expects in Chinese. A name this table does not know is
/// kept as the shop wrote it: a shop's own category is better shown than guessed.
/// </remarks>
internal static class ChineseNames
{
    /// <summary>"跑鞋" for "Running Shoes" (a subcategory), "鞋类" for "shoes" (a category id or name); else the name itself.</summary>
    public static string Category(string name) =>
        Categories.TryGetValue(name.Trim(), out var chinese) ? chinese : name;

    /// <summary>A payment method by its id ("bank_transfer" → "银行转账（预付）"); a brand (PayPal) or an unknown id: the shop's name.</summary>
    public static string PaymentMethod(string id, string name) =>
        PaymentMethods.TryGetValue(id, out var chinese) ? chinese : name;

    /// <summary>"蓝色" for "Blue", "黑色、白色" for "Black, White"; a shop's own colour name ("Sage") as it is.</summary>
    public static string Colour(string english) => string.Join("、", english.Split([',', '/'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(c => Colours.TryGetValue(c, out var chinese) ? chinese : c));

    /// <summary>An order line with its variant in Chinese: "1 × Name (Size 42, Blue)" → "1 × Name（42 码，蓝色）".</summary>
    public static string OrderLine(string line)
    {
        var open = line.LastIndexOf(" (", StringComparison.Ordinal);
        if (open < 0 || !line.EndsWith(')')) return line;
        var parts = line[(open + 2)..^1].Split(", ").Select(p => p.StartsWith("Size ", StringComparison.Ordinal) ? $"{p[5..]} 码"
            : Colour(p));
        return $"{line[..open]}（{string.Join("，", parts)}）";
    }

    /// <summary>"德国" for "DE"; else the code itself.</summary>
    public static string Country(string isoCode) =>
        Countries.FirstOrDefault(c => string.Equals(c.Code, isoCode.Trim(), StringComparison.OrdinalIgnoreCase)).Name ?? isoCode;

    /// <summary>The code of a country named in Chinese and nothing else ("德国" → DE), or null.</summary>
    public static string? CountryNamed(string name) => Countries.FirstOrDefault(c => c.Name == name.Trim()).Code;

    /// <summary>The country a Chinese message names ("送到上海要几天" → CN), or null.</summary>
    public static string? CountryIn(string text)
    {
        foreach (var (name, code) in Countries.Concat(Cities))
            if (text.Contains(name, StringComparison.Ordinal)) return code;
        return null;
    }

    // Ids, names and subcategories of the sample shop's categories (a shop backend uses the same kind of names).
    private static readonly Dictionary<string, string> Categories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["electronics"] = "电子产品", ["Headphones"] = "耳机", ["Laptops"] = "笔记本电脑", ["TVs"] = "电视", ["Cameras"] = "相机",
        ["Smart Home"] = "智能家居", ["Speakers"] = "音箱",
        ["phones"] = "手机及配件", ["Phones & Accessories"] = "手机及配件", ["Smartphones"] = "智能手机", ["Phone Cases"] = "手机壳",
        ["Chargers"] = "充电器", ["Cables"] = "数据线", ["Screen Protectors"] = "屏幕保护膜",
        ["home-kitchen"] = "家居厨房", ["Home & Kitchen"] = "家居厨房", ["Coffee Machines"] = "咖啡机", ["Cookware"] = "锅具",
        ["Blenders"] = "料理机", ["Vacuum Cleaners"] = "吸尘器", ["Bedding"] = "床上用品",
        ["fashion"] = "服装", ["T-Shirts"] = "T 恤", ["Jeans"] = "牛仔裤", ["Jackets"] = "外套", ["Dresses"] = "连衣裙", ["Sweaters"] = "毛衣",
        ["shoes"] = "鞋类", ["Running Shoes"] = "跑鞋", ["Sneakers"] = "运动鞋", ["Boots"] = "靴子", ["Sandals"] = "凉鞋",
        ["sports"] = "运动户外", ["Sports & Outdoors"] = "运动户外", ["Yoga"] = "瑜伽", ["Fitness"] = "健身", ["Cycling"] = "骑行",
        ["Camping"] = "露营",
        ["beauty"] = "美妆个护", ["Skincare"] = "护肤", ["Hair Care"] = "美发护发", ["Fragrance"] = "香水",
        ["toys"] = "玩具", ["Toys & Games"] = "玩具游戏", ["Building Sets"] = "积木", ["Puzzles"] = "拼图", ["Board Games"] = "桌游",
        ["Plush Toys"] = "毛绒玩具",
        ["books"] = "图书", ["Fiction"] = "小说", ["Cookbooks"] = "菜谱", ["Children's Books"] = "童书", ["Non-Fiction"] = "非虚构类图书",
    };

    // The colours of the sample shop's variants; a shop's own colour name ("Sage") stays as it is.
    private static readonly Dictionary<string, string> Colours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Black"] = "黑色", ["White"] = "白色", ["Silver"] = "银色", ["Blue"] = "蓝色", ["Grey"] = "灰色", ["Gray"] = "灰色", ["Navy"] = "藏青色",
        ["Beige"] = "米色", ["Red"] = "红色", ["Green"] = "绿色", ["Brown"] = "棕色", ["Tan"] = "棕褐色", ["Pink"] = "粉色", ["Purple"] = "紫色",
        ["Yellow"] = "黄色", ["Orange"] = "橙色", ["Gold"] = "金色", ["Clear"] = "透明", ["Space Grey"] = "深空灰", ["Light Blue"] = "浅蓝色", ["Dark Blue"] = "深蓝色", ["Stainless Steel"] = "不锈钢",
    };

    private static readonly Dictionary<string, string> PaymentMethods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["card"] = "信用卡/借记卡", ["klarna"] = "Klarna 先买后付", ["bank_transfer"] = "银行转账（预付）", ["invoice"] = "发票付款",
        ["cash_on_delivery"] = "货到付款",
    };

    // The countries the shop's customers write from and ship to; longer names first where one contains another.
    private static readonly (string Name, string Code)[] Countries =
    [
        ("德国", "DE"), ("奥地利", "AT"), ("瑞士", "CH"), ("法国", "FR"), ("意大利", "IT"), ("西班牙", "ES"), ("荷兰", "NL"),
        ("比利时", "BE"), ("波兰", "PL"), ("丹麦", "DK"), ("瑞典", "SE"), ("英国", "GB"), ("爱尔兰", "IE"), ("美国", "US"),
        ("葡萄牙", "PT"), ("捷克", "CZ"), ("卢森堡", "LU"), ("挪威", "NO"), ("芬兰", "FI"), ("中国", "CN"), ("日本", "JP"),
        ("加拿大", "CA"), ("澳大利亚", "AU"),
    ];

    // Cities a shopper names instead of the country ("寄到上海").
    private static readonly (string Name, string Code)[] Cities =
    [
        ("上海", "CN"), ("北京", "CN"), ("广州", "CN"), ("深圳", "CN"), ("杭州", "CN"), ("成都", "CN"), ("柏林", "DE"), ("慕尼黑", "DE"),
        ("法兰克福", "DE"), ("维也纳", "AT"), ("巴黎", "FR"), ("伦敦", "GB"), ("纽约", "US"),
    ];
}
