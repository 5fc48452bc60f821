using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scripto.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Tags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "tags",
                table: "scripts",
                type: "TEXT",
                maxLength: 330,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "tags",
                table: "channels",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "tags",
                table: "scripts");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "channels");
        }
    }
}
