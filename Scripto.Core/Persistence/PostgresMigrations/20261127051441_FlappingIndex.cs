using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scripto.Core.Persistence.PostgresMigrations
{
    /// <inheritdoc />
    public partial class FlappingIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_script_flaps_flapping",
                table: "script_flaps",
                column: "flapping",
                filter: "flapping");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_script_flaps_flapping",
                table: "script_flaps");
        }
    }
}
