using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scripto.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScriptsAwaitingDown : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_scripts_awaiting_down",
                table: "scripts",
                column: "down_at",
                filter: "health <> 'Down' AND paused = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_scripts_awaiting_down",
                table: "scripts");
        }
    }
}
