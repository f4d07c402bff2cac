using LoCoPi.Web.Readers;
using Xunit;

namespace LoCoPi.Web.Tests.Readers;

public sealed class TouchBatchPlanTests
{
    [Fact]
    public void Items_of_one_card_stay_in_order_in_one_group_and_other_cards_get_their_own()
    {
        TouchRequest?[] items =
        [
            new("t1", "a"), new("t2", "b"), null, new("t3", "a"), new("t4", "c"), new("t5", "b"),
        ];

        var groups = TouchBatchPlan.Groups(items);

        Assert.Equal(4, groups.Count);
        Assert.Contains(groups, g => g.SequenceEqual([0, 3]));
        Assert.Contains(groups, g => g.SequenceEqual([1, 5]));
        Assert.Contains(groups, g => g.SequenceEqual([2]));
        Assert.Contains(groups, g => g.SequenceEqual([4]));
    }

    [Fact]
    public void A_touch_id_under_two_cards_makes_the_whole_batch_run_in_order()
    {
        TouchRequest?[] items = [new("t1", "a"), new("t2", "b"), new("t1", "b")];

        var groups = TouchBatchPlan.Groups(items);

        Assert.Equal([[0, 1, 2]], groups.Select(g => g.ToArray()).ToArray());
    }
}
