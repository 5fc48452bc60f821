using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scripto.Core.Persistence.Migrations
{
    /// <summary>
    /// Before Failed and Down were apart, a failed run stored health 'Down' (and v1's status 0 became 'Down'), which
    /// keeps such a script out of the time worker's index (ix_scripts_awaiting_down: health &lt;&gt; 'Down'): silent
    /// after its failure, it never flipped to Down nor was announced. Their health becomes 'Failed', as a failed run
    /// stores now, so the worker flips them when (or, if already past, as soon as) their grace runs out. Scripts
    /// already flipped Failed -> Down by silence since their last run are left as they are.
    /// </summary>
    public partial class FailedRunsAwaitDown : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE scripts SET health = 'Failed'
                WHERE health = 'Down' AND status = 0
                  AND NOT EXISTS (SELECT 1 FROM flips f WHERE f.script_id = scripts.id
                                  AND f.from_state = 'Failed' AND f.to_state = 'Down' AND f.at > scripts.last_exec);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE scripts SET health = 'Down' WHERE health = 'Failed';");
        }
    }
}
