using System.Text.RegularExpressions;

namespace IntentBot.Agent.Engine;

/// <summary>
/// What kind of product a message is about when it names no product: a catalog category or subcategory
/// ("running shoes", "headphones") or an interest that points at one ("she loves cooking" → cookware,
/// "a gift for a runner" → running shoes).
/// </summary>
/// <remarks>
/// Why beside the model: gift and browsing phrasing ("she loves cooking, under 50") reads to the model as a remark
/// or as out of scope, and a search for its literal words finds whatever shares a word ("sheet set"). A category
/// search within the budget is what a shop assistant would show. The values are what catalog.search's category
/// accepts (an id, a name or a subcategory).
/// </remarks>
internal static partial class Interests
{
    /// <summary>The category or subcategory the message points at, or null.</summary>
    public static string? CategoryIn(string text)
    {
        text = text.ToLowerInvariant().Replace('-', ' ');
        foreach (Match m in WordsPattern().Matches(text))
        {
            // Two-word names first ("running shoes", "phone case"), then single words.
            if (m.Groups["two"].Success && Phrases.TryGetValue(m.Groups["two"].Value, out var phrase)) return phrase;
        }
        foreach (Match m in WordPattern().Matches(text))
            if (Words.TryGetValue(m.Value, out var category)) return category;
        // Chinese has no spaces between words: the names are looked for inside the text, the longer ones first.
        foreach (var (name, category) in Chinese)
            if (text.Contains(name, StringComparison.Ordinal)) return category;
        return null;
    }

    private static readonly (string Name, string Category)[] Chinese =
    [
        ("笔记本电脑", "Laptops"), ("手机壳", "Phone Cases"), ("贴膜", "Screen Protectors"), ("咖啡机", "Coffee Machines"),
        ("跑鞋", "Running Shoes"), ("运动鞋", "Sneakers"), ("牛仔裤", "Jeans"), ("连衣裙", "Dresses"), ("冲锋衣", "Jackets"),
        ("充电器", "Chargers"), ("数据线", "Cables"), ("吸尘器", "Vacuum Cleaners"), ("料理机", "Blenders"), ("搅拌机", "Blenders"),
        ("耳机", "Headphones"), ("电视", "TVs"), ("相机", "Cameras"), ("音箱", "Speakers"), ("手机", "Smartphones"),
        ("外套", "Jackets"), ("夹克", "Jackets"), ("毛衣", "Sweaters"), ("卫衣", "Sweaters"), ("t恤", "T-Shirts"), ("靴", "Boots"),
        ("凉鞋", "Sandals"), ("鞋", "shoes"), ("护肤", "Skincare"), ("香水", "Fragrance"), ("拼图", "Puzzles"), ("乐高", "Building Sets"),
        ("毛绒", "Plush Toys"), ("菜谱", "Cookbooks"), ("食谱", "Cookbooks"), ("小说", "Fiction"), ("床品", "Bedding"), ("锅", "Cookware"), ("厨房", "home-kitchen"),
        ("做饭", "Cookware"), ("烹饪", "Cookware"), ("下厨", "Cookware"), ("咖啡", "Coffee Machines"), ("跑步", "Running Shoes"),
        ("看书", "books"), ("读书", "books"), ("书", "books"), ("音乐", "Headphones"), ("瑜伽", "Yoga"), ("健身", "Fitness"),
        ("骑行", "Cycling"), ("自行车", "Cycling"), ("露营", "Camping"), ("徒步", "Camping"), ("美妆", "beauty"), ("化妆", "beauty"),
        ("玩具", "toys"), ("数码", "electronics"), ("衣服", "fashion"),
    ];

    /// <summary>"is the pan induction compatible", "does this jacket run small": a question about one item, not browsing.</summary>
    public static bool AsksAboutOneItem(string text) => OneItemPattern().IsMatch(text);

    [GeneratedRegex(@"\b(?:is|are|does|do|did|will|can|has|was)\s+(?:the|this|that|these|those|it|my)\b", RegexOptions.IgnoreCase)]
    private static partial Regex OneItemPattern();

    private static readonly Dictionary<string, string> Phrases = new(StringComparer.Ordinal)
    {
        ["running shoes"] = "Running Shoes", ["running shoe"] = "Running Shoes", ["trail shoes"] = "Running Shoes",
        ["phone case"] = "Phone Cases", ["phone cases"] = "Phone Cases", ["screen protector"] = "Screen Protectors",
        ["coffee machine"] = "Coffee Machines", ["espresso machine"] = "Coffee Machines", ["smart home"] = "Smart Home",
        ["board game"] = "Board Games", ["board games"] = "Board Games", ["building sets"] = "Building Sets",
        ["hair care"] = "Hair Care", ["rain jacket"] = "Jackets", ["t shirt"] = "T-Shirts",
    };

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        // Subcategories named outright.
        ["headphones"] = "Headphones", ["headphone"] = "Headphones", ["earbuds"] = "Headphones", ["earphones"] = "Headphones",
        ["headset"] = "Headphones", ["laptop"] = "Laptops", ["laptops"] = "Laptops", ["notebook"] = "Laptops",
        ["tv"] = "TVs", ["tvs"] = "TVs", ["television"] = "TVs", ["camera"] = "Cameras", ["cameras"] = "Cameras",
        ["speaker"] = "Speakers", ["speakers"] = "Speakers", ["smartphone"] = "Smartphones", ["smartphones"] = "Smartphones",
        ["charger"] = "Chargers", ["chargers"] = "Chargers", ["cable"] = "Cables", ["cables"] = "Cables",
        ["cookware"] = "Cookware", ["pan"] = "Cookware", ["pans"] = "Cookware", ["pot"] = "Cookware", ["pots"] = "Cookware",
        ["blender"] = "Blenders", ["blenders"] = "Blenders", ["vacuum"] = "Vacuum Cleaners", ["hoover"] = "Vacuum Cleaners",
        ["bedding"] = "Bedding", ["jeans"] = "Jeans", ["jacket"] = "Jackets", ["jackets"] = "Jackets", ["coat"] = "Jackets",
        ["dress"] = "Dresses", ["dresses"] = "Dresses", ["sweater"] = "Sweaters", ["sweaters"] = "Sweaters", ["jumper"] = "Sweaters",
        ["hoodie"] = "Sweaters", ["tshirt"] = "T-Shirts", ["tshirts"] = "T-Shirts", ["sneakers"] = "Sneakers", ["trainers"] = "Sneakers",
        ["boots"] = "Boots", ["sandals"] = "Sandals", ["shoes"] = "shoes", ["skincare"] = "Skincare", ["perfume"] = "Fragrance",
        ["fragrance"] = "Fragrance", ["puzzle"] = "Puzzles", ["puzzles"] = "Puzzles", ["lego"] = "Building Sets",
        ["plush"] = "Plush Toys", ["teddy"] = "Plush Toys", ["cookbook"] = "Cookbooks", ["cookbooks"] = "Cookbooks",
        ["novel"] = "Fiction", ["novels"] = "Fiction", ["fiction"] = "Fiction",
        // Interests that point at a part of the shop.
        ["cooking"] = "Cookware", ["cook"] = "Cookware", ["cooks"] = "Cookware", ["baking"] = "Cookware",
        ["chef"] = "Cookware", ["kitchen"] = "home-kitchen", ["coffee"] = "Coffee Machines", ["espresso"] = "Coffee Machines",
        ["running"] = "Running Shoes", ["runner"] = "Running Shoes", ["jogging"] = "Running Shoes", ["marathon"] = "Running Shoes",
        ["reading"] = "books", ["reader"] = "books", ["bookworm"] = "books", ["books"] = "books", ["book"] = "books",
        ["music"] = "Headphones", ["podcasts"] = "Headphones", ["yoga"] = "Yoga", ["gym"] = "Fitness", ["fitness"] = "Fitness",
        ["workout"] = "Fitness", ["cycling"] = "Cycling", ["cyclist"] = "Cycling", ["bike"] = "Cycling", ["camping"] = "Camping",
        ["hiking"] = "Camping", ["outdoors"] = "Camping", ["makeup"] = "beauty", ["beauty"] = "beauty", ["toys"] = "toys",
        ["toy"] = "toys", ["toddler"] = "toys", ["gadgets"] = "electronics", ["tech"] = "electronics", ["fashion"] = "fashion",
        ["clothes"] = "fashion",
    };

    [GeneratedRegex(@"(?<![\p{L}])(?=(?<two>\p{L}+\s\p{L}+))")]
    private static partial Regex WordsPattern();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordPattern();
}
