using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scripto.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scripts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false, collation: "NOCASE"),
                    server = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false, collation: "NOCASE"),
                    status = table.Column<bool>(type: "INTEGER", nullable: true),
                    last_exec = table.Column<DateTime>(type: "TEXT", nullable: true),
                    periodicity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scripts", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_scripts_last_exec",
                table: "scripts",
                column: "last_exec");

            migrationBuilder.CreateIndex(
                name: "IX_scripts_name",
                table: "scripts",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "IX_scripts_server",
                table: "scripts",
                column: "server");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scripts");
        }
    }
}
