"""Issue 10: a date's precision beside each date that can be partial (story, source,
outcome period), an outcome's qualifier, the status "planned", the source's author, and
an undated story (no date). Existing dates were written to the day, so "day" is their
precision; existing outcomes are exact."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('stories', '0004_storypage_card_image'),
    ]

    operations = [
        migrations.AddField(
            model_name='outcome',
            name='period_from_precision',
            field=models.CharField(choices=[('day', 'dagen'), ('month', 'måneden'), ('year', 'året')], default='day', max_length=5, verbose_name='fra kendt til'),
        ),
        migrations.AddField(
            model_name='outcome',
            name='period_to_precision',
            field=models.CharField(choices=[('day', 'dagen'), ('month', 'måneden'), ('year', 'året')], default='day', max_length=5, verbose_name='til kendt til'),
        ),
        migrations.AddField(
            model_name='outcome',
            name='qualifier',
            field=models.CharField(blank=True, choices=[('', 'præcist tal'), ('at_least', 'mindst'), ('more_than', 'over'), ('about', 'ca.'), ('at_most', 'højst')], help_text='Når kilden giver en grænse eller et skøn: mindst, over, ca. eller højst.', max_length=10, verbose_name='angivet som'),
        ),
        migrations.AddField(
            model_name='storypage',
            name='date_precision',
            field=models.CharField(choices=[('day', 'dagen'), ('month', 'måneden'), ('year', 'året')], default='day', help_text='Ved måned eller år gemmes kun måneden eller året.', max_length=5, verbose_name='kendt til'),
        ),
        migrations.AddField(
            model_name='storypage',
            name='source_author',
            field=models.CharField(blank=True, max_length=200, verbose_name='forfatter'),
        ),
        migrations.AddField(
            model_name='storypage',
            name='source_date_precision',
            field=models.CharField(choices=[('day', 'dagen'), ('month', 'måneden'), ('year', 'året')], default='day', max_length=5, verbose_name='kendt til'),
        ),
        migrations.AlterField(
            model_name='storypage',
            name='date',
            field=models.DateField(blank=True, help_text='Hvornår historien blev fortalt. Tom, hvis historien er udateret.', null=True, verbose_name='dato'),
        ),
        migrations.AlterField(
            model_name='storypage',
            name='status',
            field=models.CharField(choices=[('planned', 'Planlagt'), ('running', 'I gang'), ('scaled', 'Udbredt til flere'), ('stopped', 'Stoppet')], default='running', max_length=10, verbose_name='status'),
        ),
    ]
