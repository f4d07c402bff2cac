using LoCoPi.Storage.Tests.Support;
using Xunit;

namespace LoCoPi.Storage.Tests.Streams;

public sealed class SqliteJournalStreamTests(SqliteProvider provider)
    : JournalStreamRunner(provider), IClassFixture<SqliteProvider>;
