namespace LoCoPi.Web.Readers;

/// <summary>
/// Splits a batch into groups that may run concurrently. Items of one card stay in order in one
/// group (a card's second visit of the day must see the first); if a touch id appears under two
/// cards the whole batch runs in order, so the earlier item wins the claim as it would if sent
/// one by one. Malformed items (null) go in their own group: they touch nothing.
/// </summary>
public static class TouchBatchPlan
{
    public static IReadOnlyList<IReadOnlyList<int>> Groups(IReadOnlyList<TouchRequest?> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var byCard = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var cardOfTouch = new Dictionary<string, string>(StringComparer.Ordinal);
        var groups = new List<IReadOnlyList<int>>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                groups.Add([i]);
                continue;
            }

            if (cardOfTouch.TryGetValue(item.TouchId, out var card) && card != item.CardId)
            {
                return [Enumerable.Range(0, items.Count).ToArray()];
            }

            cardOfTouch[item.TouchId] = item.CardId;
            if (!byCard.TryGetValue(item.CardId, out var list))
            {
                byCard[item.CardId] = list = [];
                groups.Add(list);
            }

            list.Add(i);
        }

        return groups;
    }
}
