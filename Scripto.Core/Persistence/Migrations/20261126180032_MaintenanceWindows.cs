using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Scripto.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MaintenanceWindows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "maintenance_until",
                table: "scripts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    servers = table.Column<string>(type: "TEXT", nullable: false),
                    names = table.Column<string>(type: "TEXT", nullable: false),
                    tags = table.Column<string>(type: "TEXT", nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cron = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    duration_seconds = table.Column<long>(type: "INTEGER", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_windows", x => x.id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "maintenance_windows");

            migrationBuilder.DropColumn(
                name: "maintenance_until",
                table: "scripts");
        }
    }
}
