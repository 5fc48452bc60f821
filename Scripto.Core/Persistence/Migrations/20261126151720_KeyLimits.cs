using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scripto.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KeyLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "name_globs",
                table: "api_keys",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "server_globs",
                table: "api_keys",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "name_globs",
                table: "api_keys");

            migrationBuilder.DropColumn(
                name: "server_globs",
                table: "api_keys");
        }
    }
}
